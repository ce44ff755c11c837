from graphkit.parse.documents import extract_documents


def test_documents_with_nested_titles():
    s = (
        "研究出台了《辽宁省商务厅关于印发〈关于坚决打赢新冠肺炎疫情防控阻击战 确保2020年全省外贸实现双量增长的实施意见〉的通知》"
        "和《中共辽宁省委 辽宁省人民政府关于推进贸易高质量发展的实施意见》,再次印发《中共辽宁省委 辽宁省人民政府关于推进贸易高质量发展的实施意见》。"
    )
    assert extract_documents(s) == [
        "辽宁省商务厅关于印发〈关于坚决打赢新冠肺炎疫情防控阻击战 确保2020年全省外贸实现双量增长的实施意见〉的通知",
        "中共辽宁省委 辽宁省人民政府关于推进贸易高质量发展的实施意见",
    ]


def test_nested_double_angle_and_unclosed():
    assert extract_documents("印发《印发《科级干部措施》的通知》") == ["印发《科级干部措施》的通知"]
    assert extract_documents("制定《未闭合的标题") == []
    assert extract_documents("") == []
