"""What an amount in a sentence does not state, by the words around it: the rules the goal-text
checks (``goals``) and the report's checker (``report.mentions``) share, so that neither compares
a difference, one expense, a rate or a part with no row of its own with the funds block.

Each rule looks at the clause before the amount (the text since the last comma or full stop).
"""
from __future__ import annotations

import re

#: After an amount: it is a ceiling, a floor or a rate (0.9万元以内, 0.1万元/人), not a total.
TARGET_AFTER = ("以内", "以上", "以下", "左右", "/", "每")
#: At the end of the clause before an amount: the same (控制在0.9万元, 不超过1万元).
TARGET_BEFORE = ("不超过", "不高于", "不低于", "控制在", "不少于", "≤", "≥", "<", ">", "＜", "＞",
                 # a bound it was measured against (执行率未达100%, 低于95%): not the figure
                 "未达", "未达到", "没有达到", "没达到", "未能达到", "不足", "低于", "不到", "未到",
                 "未超过", "高于", "超过", "超出", "小于", "大于", "少于", "多于", "接近")
#: A year-on-year comparison: the amount is a change, not this year's figure.
YEAR_ON_YEAR = ("比上年", "较上年", "比去年", "较去年", "同比", "环比", "上年同期")
#: Words that make an amount a change against something the clause does not name.
CHANGE = ("少支", "多支", "少用", "多用", "增加", "减少", "增长", "下降", "差额")
_AGAINST = re.compile(r"(?:比|较|相比)(.{0,10}?)(少|节约|节省|节余|结余|减少|下降|多|超|增加|增长)")
_NAMED_COST = re.compile(r"(?<![出付用经])费")
_LESS = ("少", "节约", "节省", "节余", "结余", "减少", "下降")
#: Parts of the money the funds block has no row of its own for (中央 and 省级 money both count
#: in 财政拨款): an amount of such a part is not compared.
UNMAPPED_PARTS = ("中央", "省级", "市级", "县级", "区级", "乡镇", "配套")


#: Words that make a clause a plan or an aim (力争预算执行率达到100%, 预计支出): no figure of the
#: year.
PLANS = ("计划", "预计", "拟", "力争", "争取", "确保", "目标", "要求", "序时进度")


#: A rate's clause naming one funds row (上年结转资金执行率, 中央资金执行率) or another year
#: (上年度预算执行率) states no rate of the project's year (with UNMAPPED_PARTS).
NOT_THE_PROJECTS_RATE = ("上年", "去年", "上一年", "往年", "以前年度", "财政拨款", "财政资金", "结转",
                         "其他资金", "自筹", "单位资金")


#: A part of the year (1-6月, 9月底, 上半年, 第三季度): figures to that date, not the year's.
_PART_OF_YEAR = re.compile(r"半年|季度|(?<!\d)(?:[1-9]|1[01])\s*月")


def names_part_of_year(clause: str) -> bool:
    """True when the clause dates its figure within the year (1-6月执行率45%); 12月 is the end."""
    return _PART_OF_YEAR.search(clause) is not None


_A_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")


def names_another_year(clause: str, year: int | None) -> bool:
    """True when the clause names a year other than ``year`` (2022年度预算执行率为88% in a
    2023 form): its figures are that year's."""
    return year is not None and any(int(y) != year for y in _A_YEAR.findall(clause))


def names_another_rate(clause: str) -> bool:
    """True when a rate's clause names one funds row, a part of the money, another year or a
    part of the year."""
    return any(w in clause for w in NOT_THE_PROJECTS_RATE) or names_a_part(clause) or \
        names_part_of_year(clause)


#: Words of spending: an amount after one is (part of) the 全年执行数.
SPENT = ("支出", "支付", "拨付", "执行", "使用", "花费")


def last_word(text: str, groups: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[str, int] | None:
    """(the group, the position) of the word of ``groups`` written last in ``text`` (on a tie,
    the group listed first), or None when there is none."""
    best, best_pos = None, -1
    for kind, words in groups:
        for word in words:
            pos = text.rfind(word)
            if pos > best_pos:
                best, best_pos = kind, pos
    return None if best is None else (best, best_pos)


#: The funds row a clause names (其中当年财政拨款支出78.5万元, 上年结转资金14.7万元); not 结转下年.
FUNDS_ROWS = (("carryover", ("上年结转", "以前年度结转", "结转资金", "结转")),
              ("fiscal", ("财政拨款", "财政资金", "本级财政", "当年财政")),
              ("other", ("其他资金", "自筹", "社会资金")))
_NEXT_YEAR = ("结转下年", "结转至下年", "结转到下年", "结转下一年", "结转以后年度")
#: A clause that is only a verb or a rate (支出78.5万元, 执行率98.13%) goes on about the row the
#: clause before it names (当年财政拨款80万元，支出78.5万元，执行率98.13%).
_BARE = re.compile(r"(?:其中)?(?:已经|已|共)?(?:全部)?(?:支出|执行|使用|拨付|支付|花费|结余|节余|剩余"
                   r"|到位|(?:预算|资金)?执行率)(?:了|为|达到|达|是)?")
_FIGURE = re.compile(r"\d[\d.,]*\s*(?:亿元|万元|元|%|％)?")
#: A quoted name (「…」, 《…》): its words are no statement.
QUOTED = re.compile(r"「[^」]*」|《[^》]*》|“[^”]*”|〔[^〕]*〕")


def funds_row(clause: str) -> str | None:
    """``fiscal``, ``carryover`` or ``other`` when the clause names that funds row (the one named
    last: 其中财政拨款78.5万元、上年结转 names 上年结转), else None."""
    if any(w in clause for w in _NEXT_YEAR):
        return None
    found = [(clause.rfind(w), row) for row, words in FUNDS_ROWS for w in words if w in clause]
    return max(found)[1] if found else None


#: The furthest a clause (or, with SENTENCE_CHARS, a sentence) is read from the figure it
#: holds: a longer run without a comma or a full stop is no clause, and a hostile cell of
#: 32,767 digits must be read in linear time, not once from every figure in it.
CLAUSE_CHARS = 200
SENTENCE_CHARS = 500


def clause_start(text: str, pos: int, delims: str, limit: int = CLAUSE_CHARS) -> int:
    """Where the clause ending at ``pos`` starts: after the last of ``delims`` before ``pos``,
    at most ``limit`` characters back."""
    lo = max(0, pos - limit)
    return max(max(text.rfind(ch, lo, pos) for ch in delims) + 1, lo)


def clause_end(text: str, pos: int, delims: str, limit: int = CLAUSE_CHARS) -> int:
    """Where the clause going on from ``pos`` ends: at the first of ``delims`` from ``pos``, at
    most ``limit`` characters on."""
    hi = min(len(text), pos + limit)
    return min((i for i in (text.find(ch, pos, hi) for ch in delims) if i >= 0), default=hi)


#: How many clauses back a bare verb or rate looks for the row it goes on about: a row is named
#: a clause or two before; a run of thousands of bare clauses must not cost thousands each.
MAX_CLAUSES_BACK = 12


def row_of_clause(text: str, start: int, delims: str, stops: str) -> str | None:
    """The funds row the clause of ``text`` ending at ``start`` names, or, when the clause is only
    a verb or a rate, the row the clauses before it in the sentence name (at most
    MAX_CLAUSES_BACK of them)."""
    for _ in range(MAX_CLAUSES_BACK):
        i = clause_start(text, start, delims)
        words = _FIGURE.sub("", QUOTED.sub("", text[i:start])).strip()
        row = funds_row(words)
        if row is not None or not _BARE.fullmatch(words) or i == 0 or text[i - 1] in stops \
                or text[i - 1] not in delims:         # the start of the text, or too far back
            return row
        start = i - 1
    return None


#: A rate's own clause naming the whole project (项目预算执行率, 整体执行率): not a row's.
_WHOLE = ("项目", "整体", "总体", "全部", "总")


def a_rows_rate(text: str, start: int, clause: str, delims: str, stops: str) -> bool:
    """True when a bare rate follows clauses about one funds row (财政拨款支出78.5万元，执行率
    98.13%): the row's rate, not the project's."""
    return not any(w in clause for w in _WHOLE) and \
        row_of_clause(text, start, delims, stops) is not None


def compared(clause: str) -> str | None:
    """How the clause sets its amount against another figure:

    - ``"balance"``: less than the budget (比预算少支出0.48万元, 较预算节约0.48万元);
    - ``"overspend"``: more than the budget (比预算多支出0.1万元);
    - ``"change"``: against another year or a figure it does not name (较上年增加0.2万元,
      因项目结余少支出10万元) — not a figure of this year's funds block;
    - None: it compares nothing.
    """
    if any(w in clause for w in YEAR_ON_YEAR):
        return "change"
    m = _AGAINST.search(clause)
    if m:
        if "预算" in m.group(1):
            return "balance" if m.group(2) in _LESS else "overspend"
        return "change"
    return "change" if any(w in clause for w in CHANGE) else None


def names_an_expense(words: str) -> bool:
    """True when ``words`` name one kind of cost, as 支出宣传费0.3万元 does; 经费 (funds) and
    支出费用 (spending) name none."""
    return _NAMED_COST.search(words) is not None


def names_a_part(clause: str) -> bool:
    """True when the clause names a part of the money the funds block has no row for."""
    return any(w in clause for w in UNMAPPED_PARTS)


def is_a_target(clause: str, after: str) -> bool:
    """True when the words around an amount make it a ceiling, a floor or a rate."""
    return after.lstrip().startswith(TARGET_AFTER) or clause.rstrip().endswith(TARGET_BEFORE)


__all__ = ["TARGET_AFTER", "TARGET_BEFORE", "YEAR_ON_YEAR", "CHANGE", "UNMAPPED_PARTS", "compared",
           "names_an_expense", "names_a_part", "is_a_target", "NOT_THE_PROJECTS_RATE",
           "names_another_rate", "names_part_of_year", "names_another_year", "FUNDS_ROWS",
           "funds_row", "row_of_clause", "clause_start", "clause_end", "a_rows_rate", "PLANS",
           "QUOTED", "SPENT", "last_word"]
