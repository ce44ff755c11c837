from graphkit.parse.roles import extract_roles, split_position_person


def keys(text):
    return [(r.role, r.position, r.person) for r in extract_roles(text)]


def test_leading_group_with_names():
    s = (
        "区委迅速成立落实省委巡视反馈意见整改工作领导小组,由区委书记方针同志任组长,区委副书记、区政府区长孙靓靓同志、"
        "区委副书记、统战部部长钱军同志任副组长,其他区委常委任成员,领导小组办公室下设协调联络组。"
        "区委带头落实整改主体责任,方针同志认真履行“第一责任人”职责,对整改工作整体研究谋划。"
    )
    assert keys(s) == [
        ("组长", "区委书记", "方针"),
        ("副组长", "区委副书记、区政府区长", "孙靓靓"),
        ("副组长", "区委副书记、统战部部长", "钱军"),
        ("成员", "其他区委常委", None),
        ("第一责任人", "区委书记", "方针"),
    ]


def test_leading_group_offices_only():
    s = "成立了以市委书记任组长,市长任第一副组长,市委副书记担任常务副组长,其他相关市领导担任副组长的整改落实工作领导小组,下设办公室。"
    assert keys(s) == [
        ("组长", "市委书记", None),
        ("第一副组长", "市长", None),
        ("常务副组长", "市委副书记", None),
        ("副组长", "其他相关市领导", None),
    ]


def test_names_joined_by_he_and_comma_lists():
    s = "厅党组书记、厅长宋彦麟同志担任组长,厅党组副书记、副厅长王广利和副厅长王景明同志任副组长,其他党组成员为成员。"
    assert ("副组长", "厅党组副书记、副厅长", "王广利") in keys(s)
    assert ("副组长", "副厅长", "王景明") in keys(s)
    s2 = "由县委书记王欢苗任组长,县委副书记、县长陈大为,县人大常委会主任段秀华,县政协主席刘连恒4名同志为副组长。"
    assert keys(s2)[1:] == [
        ("副组长", "县委副书记、县长", "陈大为"),
        ("副组长", "县人大常委会主任", "段秀华"),
        ("副组长", "县政协主席", "刘连恒"),
    ]


def test_office_holder_and_first_responsible():
    s = "厅党委成立了整改落实工作领导小组,党委主要负责人任组长,为第一责任人,其他领导班子成员任副组长。"
    assert keys(s) == [
        ("组长", "党委主要负责人", None),
        ("第一责任人", "党委主要负责人", None),
        ("副组长", "其他领导班子成员", None),
    ]


def test_named_leader_lines():
    assert keys("责任领导:王晓江;责任处室:产业发展处;责任人:卢锡超") == [
        ("责任领导", None, "王晓江"),
        ("责任处室", "产业发展处", None),
        ("责任人", None, "卢锡超"),
    ]


def test_split_position_person():
    assert split_position_person("党委主要负责同志") == ("党委主要负责同志", None)
    assert split_position_person("宋彦麟同志") == (None, "宋彦麟")
    assert split_position_person("其他区委常委") == ("其他区委常委", None)


def test_concurrent_office_is_not_a_member() -> None:
    text = (
        "县委调整充实巡视整改工作领导小组，由县委书记周立衡同志任组长，县委副书记、县长邵文博同志任副组长，"
        "县委副书记韩启明同志任副组长兼办公室主任，其他县委常委任成员。"
    )
    roles = [(r.role, r.position, r.person) for r in extract_roles(text)]
    assert ("副组长", "县委副书记", "韩启明") in roles
    assert ("成员", "其他县委常委", None) in roles
    assert not any(pos and pos.startswith("兼") for _, pos, _ in roles)
