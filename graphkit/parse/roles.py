"""Who leads or answers for the rectification: 组长/副组长/成员 of the leading group,
the 第一责任人, and named 责任领导/责任人/牵头领导 lines."""

from __future__ import annotations

import re

from graphkit.parse.numbering import CN_NUMERALS
from graphkit.patterns import alternation, one_of
from graphkit.records import Role

GROUP_ROLES = ("第一副组长", "常务副组长", "执行副组长", "副组长", "组长", "成员")
_ROLE_RE = re.compile(
    r"(?:担任|兼任|任|为|作为)(?:[\u4e00-\u9fff]{0,10}?小组的?)?"
    rf"({alternation(*GROUP_ROLES, '办公室主任')})(?!单位)"
)
_GROUP_SENT = re.compile(r"领导小组|工作小组|工作组|专班|指挥部")
# office titles; a name may follow the last one
_TITLE_RE = re.compile(
    r"(?:副)?(?:书记|区长|市长|县长|州长|省长|旗长|镇长|乡长|厅长|局长|部长|主任|主席|院长|检察长|"
    r"常委|委员|巡视员|秘书长|处长|司长|社长|校长|总经理|董事长|行长|署长|关长|队长|政委|会长|理事长|"
    r"组长|负责人|负责同志|成员|领导|调研员|专员)"
)
# a Han name of 2–3 characters (4 for a double surname), or a transcribed one with its dot
# (艾尔肯·买买提)
_TRANSCRIBED_NAME = r"^[\u4e00-\u9fff]{1,8}·[\u4e00-\u9fff]{1,8}$"
_NAME_RE = one_of(r"^[\u4e00-\u9fff]{2,3}$", _TRANSCRIBED_NAME)
# a name is read by its place (after an office, before 同志), so any character may stand in it
# (杨志刚, 王成, 李主); what is refused are the words that stand in that place instead of a name
_NOT_NAME = re.compile(
    r"^(?:等|各|其他|其余|有关|相关|主要|分管|全体|班子|领导|成员|负责|同志|单位|部门|人员|牵头|具体)|等$|同志$"
)
_LEAD_JUNK = re.compile(r"^(?:并|由|以|其中|成立了?|迅速成立|立即成立|同时|和|及|、|,|，|\s)+")
_TAIL_JUNK = re.compile(rf"(?:(?:\d+|[{CN_NUMERALS}]+)名(?:同志)?)?(?:分别|共同)?\s*$")
# a person named by office and name (区委书记方针同志), the subject a later sentence may leave out
_NAMED_RE = re.compile(r"[\u4e00-\u9fff、]{2,20}?[\u4e00-\u9fff]{2,3}同志")
_SUBJECT_LEFT_OUT = re.compile(r"并(?:亲自)?$")
# the verb phrase after a clause's subject (林振华同志为第一责任人 → 林振华同志)
_SUBJECT_RE = re.compile(r"(?:为|是|作为|担任|任)[^,，;；]*$")
_ALSO_LEADS = re.compile(r"(?:担任|任)(?:第一副组长|常务副组长|副组长|组长)(?:并|,|，)?$")
# 组长:党委书记马天佑;副组长:党委副书记、院长任雪梅,纪委书记董海波;成员:……
_ROLE_LIST_RE = re.compile(rf"({alternation(*GROUP_ROLES)})\s*[:：]\s*([^;；。\n:：]+?)(?=[;；。\n]|$)")
#: the line heads that name who answers for one issue (责任领导:……), wherever they stand
#: (LEADER_LINE_RE is used with match(), which anchors it at the line start)
LEADER_LINE_ROLES = (
    "责任领导",
    "牵头领导",
    "责任人",
    "第一责任人",
    "牵头单位",
    "责任单位",
    "责任处室",
    "责任部门",
)
LEADER_LINE_RE = re.compile(rf"(?:{'|'.join(LEADER_LINE_ROLES)})\s*[:：]")
_LEADER_LINE_RE = re.compile(rf"({'|'.join(LEADER_LINE_ROLES)})\s*[:：]\s*([^;；,，。\n]+)")
_FIRST_RESP_RE = re.compile(
    r"([^,，。;；:：“”、]{2,30}?)(?:始终|认真|切实|自觉|坚决|带头|主动)*"
    r"(?:履行|把|扛起|扛稳|扛牢|承担起?|担负起?|作为|当好|落实|担起|为|是)[^,，。;；]{0,20}?“?(第一责任人|直接责任人)"
)


# before 同志 a name may be longer: 次仁多吉, 欧阳晓明 (Tibetan names, double surnames)
_NAMED_NAME_RE = one_of(r"^[\u4e00-\u9fff]{2,4}$", _TRANSCRIBED_NAME)
_BLANK_IN_HAN = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")


def split_position_person(s: str) -> tuple[str | None, str | None]:
    """`区委书记方针同志` → (区委书记, 方针); `其他区委常委` → (其他区委常委, None);
    `党委主要负责同志` → (党委主要负责同志, None); `宋彦麟同志` → (None, 宋彦麟)."""
    s = _BLANK_IN_HAN.sub("", _LEAD_JUNK.sub("", s.strip()).strip())
    named = s.endswith("同志")
    core = s[:-2] if named else s
    last = None
    for m in _TITLE_RE.finditer(core):
        last = m
    name_re = _NAMED_NAME_RE if named else _NAME_RE
    if last is not None:
        name = core[last.end() :]
        if name and name_re.match(name) and not _NOT_NAME.search(name):
            return core[: last.end()], name
        return s or None, None
    if named and name_re.match(core) and not _NOT_NAME.search(core):
        return None, core
    return s or None, None


def _split_holders(holder: str) -> list[str]:
    holder = _TAIL_JUNK.sub("", _LEAD_JUNK.sub("", holder))
    parts = [p for p in re.split(r"(?<=同志)[、,，]|[,，;；]", holder) if p.strip()]
    out: list[str] = []
    for p in parts:
        p = _LEAD_JUNK.sub("", p).strip()
        # 副厅长王广利和副厅长王景明: split at 和/及 when the left side ends with a name
        m = re.match(r"^(.+?)(?:和|及|与)(.+)$", p)
        if m:
            left = m.group(1)
            last = left.rsplit("、", 1)[-1]
            _pos, person = split_position_person(left if "、" not in left else last)
            if person or ("、" in left and _NAME_RE.match(last) and not _NOT_NAME.search(last)):
                out.extend([*_names_in_a_row(left), m.group(2)])
                continue
        out.extend(_names_in_a_row(p))
    return [_TAIL_JUNK.sub("", p) or p for p in out]


def _looks_like_holder(clause: str) -> bool:
    """A clause that names a person or ends in an office (县人大常委会主任段秀华, 其他区委常委)."""
    pos, person = split_position_person(_TAIL_JUNK.sub("", clause))
    if person:
        return True
    return pos is not None and any(m.end() == len(pos) for m in _TITLE_RE.finditer(pos))


def _names_in_a_row(p: str) -> list[str]:
    """`局党组成员、副局长刘晓燕、蒋伟同志` → one holder per name, each with the shared office."""
    if "、" not in p:
        return [p]
    tokens = p.removesuffix("同志").split("、")
    for k, tok in enumerate(tokens):
        pos, person = split_position_person(tok)
        if person is None:
            continue
        rest = tokens[k + 1 :]
        if not rest or not all(_NAME_RE.match(t) and not _NOT_NAME.search(t) for t in rest):
            return [p]
        office = "、".join([*tokens[:k], pos or ""]).strip("、")
        return [f"{office}{name}同志" for name in [person, *rest]]
    return [p]


def _add(roles: list[Role], role: str, position: str | None, person: str | None) -> None:
    for r in roles:
        if r.role == role and r.person == person and r.position == position:
            return
    roles.append(Role(role=role, position=position, person=person))


def extract_roles(text: str) -> list[Role]:
    """Roles named in `text` (normally the section on how the rectification was organised)."""
    roles: list[Role] = []
    known: dict[str, str] = {}  # person -> position
    last_named: str | None = None  # the last person named (职务+姓名+同志) before this sentence
    for sent in re.split(r"[。\n]", text):
        if "组长" not in sent:
            if "同志" in sent:
                named = _NAMED_RE.findall(sent)
                last_named = named[-1] if named else last_named
            continue
        prev_end = 0
        prev_holders: list[str] = []
        for m in _ROLE_RE.finditer(sent):
            holder = sent[prev_end : m.start()]
            # the holder is the clause right before 任/为: cut at the sentence-level opener
            # the holders are the clauses right before 任/为 that name people or offices
            # (A,B,C三名同志为副组长), not a clause that goes on with a task (并负责整改监督)
            clauses = re.split(r"[,，;；]", holder)
            if prev_end == 0:
                holder = clauses[-1]
            else:
                k = len(clauses) - 1
                while k > 0 and _looks_like_holder(clauses[k - 1]):
                    k -= 1
                holder = "，".join(clauses[k:])
            if prev_end == 0:
                cut = max(holder.rfind("由"), holder.rfind("以"))
                if cut != -1:
                    holder = holder[cut + 1 :]
            if not holder.strip() and len(clauses) > 1:
                # 林振华同志为第一责任人,担任领导小组组长: the subject of the clause before
                holder = _SUBJECT_RE.sub("", clauses[-2])
            holder = holder.lstrip(",，、;； ")
            # 任副组长兼办公室主任，其他常委任成员: the 兼… clause belongs to the previous holder
            holder = re.sub(r"^兼[^,，、;；]*[,，、;；]?", "", holder)
            if m.group(1) in ("成员", "办公室主任") and "组长" not in sent[: m.start()]:
                prev_end = m.end()
                continue
            holders = _split_holders(holder) if holder.strip() else prev_holders
            if last_named and _SUBJECT_LEFT_OUT.search(sent[: m.start()]) and _GROUP_SENT.search(holder):
                holders = [last_named]  # ……成立领导小组并担任组长: the subject is who was named before
            for h in holders:
                if _GROUP_SENT.search(h) or "第一责任人" in h or "小组" in h:
                    continue
                pos, person = split_position_person(h)
                if not pos and not person:
                    continue
                if person and pos:
                    known[person] = pos
                _add(roles, m.group(1), pos, person)
            prev_holders = holders
            prev_end = m.end()
            # 党委主要负责人任组长,为第一责任人
            tail = sent[m.end() : m.end() + 12]
            if re.match(r"^[,，]?(?:为|是|作为)第一责任人", tail):
                for h in holders:
                    pos, person = split_position_person(h)
                    _add(roles, "第一责任人", pos, person)
    first_resp = [
        m
        for sent in re.split(r"[。\n]", text)
        if "第一责任人" in sent or "直接责任人" in sent
        for m in _FIRST_RESP_RE.finditer(sent)
    ]
    for m in first_resp:
        # 行长郑国华同志担任组长并履行第一责任人职责: the holder is the one named before 担任
        holder = _LEAD_JUNK.sub("", _ALSO_LEADS.sub("", m.group(1))).strip()
        if re.search(r"压实|落实|督促|强化|层层|各级|党员|班子成员|要求", holder):
            continue
        pos, person = split_position_person(holder)
        if person and not pos:
            pos = known.get(person)
        if person is None and (not pos or not _TITLE_RE.search(pos)):
            continue
        _add(roles, m.group(2), pos, person)
    for m in _ROLE_LIST_RE.finditer(text):
        for h in _split_holders(m.group(2).replace("同志", "同志,")):
            pos, person = split_position_person(h)
            if pos or person:
                _add(roles, m.group(1), pos, person)
    for m in _LEADER_LINE_RE.finditer(text):
        role, value = m.group(1), m.group(2).strip()
        if role in ("牵头单位", "责任单位", "责任处室", "责任部门"):
            _add(roles, role, value, None)
        elif _NAME_RE.match(value) and not _TITLE_RE.search(value) and not _NOT_NAME.search(value):
            _add(roles, role, known.get(value), value)
        else:
            pos, person = split_position_person(value)
            _add(roles, role, pos, person)
    return roles
