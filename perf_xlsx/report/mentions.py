"""Find the figures a narrative report states and what each one talks about (its ``kind``).

The kind of a figure comes from the words of its clause — the text since the last comma, colon,
bracket or full stop, with 「quoted names」 removed — looked up in ``AMOUNT_WORDS`` /
``RATE_WORDS`` in order (the first list that has a word in the clause wins). A figure whose
clause has none of the words is not a mention: it is skipped rather than guessed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterator

from ..checks.amount_words import (PLANS, QUOTED, SENTENCE_CHARS, SPENT, a_rows_rate,
                                   clause_end, clause_start, compared, funds_row, is_a_target,
                                   last_word, names_a_part, names_an_expense, names_another_rate,
                                   names_another_year, names_part_of_year, row_of_clause)
from .figures import Figures, Stated, stated_amount, stated_number

#: In order: a clause with 「实际收到预算资金」 talks about the received funds, not the budget.
AMOUNT_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("overspend", ("超支", "超出预算")),
    ("carryover", ("上年结转",)),
    ("balance", ("结余", "节余", "剩余资金", "结转下年", "节约资金")),
    ("received", ("实际收到", "实际到位", "到位资金", "资金到位", "收到", "到位")),
    ("executed", ("实际支付", "实际支出", "支付", "支出", "拨付", "执行数", "实际使用", "花费")),
    ("initial", ("年初预算",)),
    ("fiscal", ("财政资金", "财政拨款")),
    ("other", ("自筹", "其他资金")),
    ("budget", ("全年预算", "调整后预算", "预算安排总额", "预算总额", "预算金额", "投资金额",
                "预算安排", "预算数", "总投入", "预算")),
)
RATE_WORDS = (("rate", ("预算执行率", "资金执行率", "执行率")),
              ("completion_rate", ("指标完成率",)))
#: A clause (for amounts) or sentence (for years) with one of these talks about another year,
#: a plan or an adjustment, not about this year's figures: skipped.
OTHER = ("计划", "拟", "预计", "力争", "争取", "确保", "下一步", "下年", "明年", "今后", "以后年度",
         "追加", "调增", "调减", "需求",
         "同比", "上年同期", "上年度", "上一年", "去年", "往年", "前年", "以前年度")


#: A sentence naming a later year with one of these is about what comes next (自评结果将作为2024年
#: 预算安排的重要依据), an earlier year with one of _EARLIER compares with it (较2022年度提高5个
#: 百分点; 2022年度执行率92%，本年度有所提高) or speaks of its money carried over or of last year
#: (2022年度结转资金已执行完毕，上年执行率98.5%): neither states a wrong year.
_AHEAD = ("预算", "安排", "将", "依据", "参考")
_EARLIER = ("相比", "对比", "同比", "本年", "今年", "提高", "增加", "下降", "减少", "增长", "持平",
            "上升", "结转", "上年")


def _another_years(year: int, project_year: int | None, sentence: str, before: str) -> bool:
    if project_year is None or year == project_year:
        return False
    if year > project_year:
        return any(w in sentence for w in _AHEAD)
    return before.endswith(("较", "比", "与", "同")) or any(w in sentence for w in _EARLIER)


def _not_the_projects(clause: str, fig: Figures) -> bool:
    """A rate of a plan, a funds row, another year (a wrong year is PX506's to say, once)."""
    return any(w in clause for w in OTHER + PLANS) or names_another_rate(clause) or \
        names_another_year(clause, fig.year)


_DELIM = "，,。；;：:（）()！!？?\n"
STOPS = "。；;！？\n"
_AMOUNT = re.compile(r"(?<![\d.,])(\d+(?:,\d{3})*(?:\.\d+)?)\s*(亿元|万元|元)")
_PCT = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*[%％]")
_MET = re.compile(r"(?:已完成|已达成|完成|达成|实现)(?:了|的)?三级指标\s*(\d+)\s*[个项]"
                  r"|其中(?:已)?(?:完成|达成|实现)(?:的)?\s*(\d+)\s*[个项]")
_LEVEL = re.compile(r"([一二三])级指标\s*(\d+)\s*[个项]|(?<!\d)(\d+)\s*[个项]([一二三])级指标")
_TOTAL = re.compile(r"(自评总分|综合得分|总分|执行率得分|(?<!执行率)(?<!指标)自评得分)[为是：:]?\s*"
                    r"(\d+(?:\.\d+)?)\s*分")
_GRADE = re.compile(r"(?:评价|自评)?等级[为是：:]\s*[「“\"]?(优秀|优|良好|良|中|合格|差|不合格)")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年(?=度|底|末|实际|本项目|项目|全年|共|预算|绩效)")
_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(?:(\d{1,2})\s*日|(底|末))?")
_DONE = re.compile(r"(实施完成|全部完成|建设完成|项目完成|已完成|完成实施|全部建成|竣工)")
_NOT_DONE = ("验收", "检查", "审计", "评价", "考核", "报送", "填报", "前")
_NAME = re.compile(r"([\u4e00-\u9fffA-Za-z0-9（）()]{1,60}?)项目(?=全年预算数|预算安排总额|预算总额|预算金额"
                   r"|预算安排|资金的使用|资金使用|资金)")
_NAME_STRONG = ("全年预算数", "预算安排总额", "预算总额", "预算金额", "预算安排")
_GENERIC = ("本", "该", "此", "各", "全部", "所有", "有关", "相关")
_LEVEL_KIND = {"一": "level1", "二": "level2", "三": "level3"}
_GRADES = {"优秀": "优", "良好": "良", "合格": "中", "不合格": "差"}
_SECTION = re.compile(r"^([一二三四五六七八九十]+)、")
_SUB = re.compile(r"^（([一二三四五六七八九十]+)）")


@dataclass
class Mention:
    """One figure or name the report states: what it is about, the value, where."""

    kind: str
    value: Any
    loc: str
    quote: str
    para: int


def _clause(text: str, start: int) -> str:
    return QUOTED.sub("", text[clause_start(text, start, _DELIM):start])


def sentence_of(text: str, start: int, end: int) -> str:
    a = clause_start(text, start, STOPS, SENTENCE_CHARS)
    s = text[a:clause_end(text, end, STOPS, SENTENCE_CHARS)].strip()
    if len(s) > 90:
        lo = max(0, start - a - 40)
        s = ("…" if lo else "") + s[lo:lo + 80] + "…"
    return s


def _kind(clause: str, words: tuple[tuple[str, tuple[str, ...]], ...]) -> str | None:
    for kind, ws in words:
        if any(w in clause for w in ws):
            return kind
    return None


def _expense(clause: str, fig: Figures) -> str | None:
    tail = re.sub(r"^.*?(?:用于支付|用于|支付|其中)", "", clause).strip()
    for content, _amount in sorted(fig.expenses, key=lambda e: -len(e[0])):
        if content and (content in clause or (len(tail) >= 2 and tail in content)):
            return content
    return None


#: What a clause says of a row's money, by its verb: spent (the row's 全年执行数), budgeted (the
#: row's 全年预算数, the kinds of AMOUNT_WORDS), or something the funds block has no row figure
#: for (a row's balance or received money).
_VERBS = (("spent", (*SPENT, "用款")),
          ("budget", ("预算", "安排", "下达", "批复", "年初")),
          ("none", ("结余", "节余", "剩余", "到位", "收到")))


def _last_verb(text: str) -> str | None:
    """The verb of ``_VERBS`` written last in ``text``, or None."""
    found = last_word(text, _VERBS)
    return found[0] if found else None


def _row_of(text: str, start: int) -> str | None:
    return row_of_clause(text, start, _DELIM, STOPS)


def _row_amount(text: str, start: int, clause: str) -> str | None:
    """The kind of an amount of one funds row, by the clause's own verb, else the sentence's
    before it: ``fiscal_executed`` … for its spending (实际支出93.2万元，其中财政拨款78.5万元),
    ``fiscal`` … for its budget (the row the clause names last); "" when the funds block has no
    figure for what it says (财政拨款结余1.5万元); None when it names no row."""
    row = _row_of(text, start)
    if row is None:
        return None
    begin = clause_start(text, start, STOPS, SENTENCE_CHARS)
    how = _last_verb(clause) or _last_verb(text[begin:clause_start(text, start, _DELIM)])
    if how == "spent":
        return f"{row}_executed"
    return "" if how == "none" else row if funds_row(clause) == row else None


def _amount_kind(text: str, m: re.Match[str], fig: Figures) -> str | None:
    clause, after = _clause(text, m.start()), text[m.end():m.end() + 6]
    if is_a_target(clause, after) or any(w in clause for w in OTHER) or \
            names_another_year(clause, fig.year) or names_part_of_year(clause):
        return None
    expense = _expense(clause, fig)
    if expense:
        return f"expense:{expense}"
    if "用于" in clause or names_an_expense(clause) or names_a_part(clause):
        return None                      # a breakdown line the expense table does not have
    against = compared(clause)
    if against is not None:
        return None if against == "change" else against
    row = _row_amount(text, m.start(), clause)
    if row is not None:
        return row or None
    kind = _kind(clause, AMOUNT_WORDS)
    if kind is None and clause.endswith("资金") and after.lstrip().startswith(("主要用于", "用于")):
        return "executed"
    return kind


def _names(text: str, fig: Figures) -> list[tuple[re.Match[str], str]]:
    out = []
    for m in _NAME.finditer(text):
        run = m.group(1)
        tail = text[m.end():m.end() + 6]
        core = fig.name[:-2] if fig.name.endswith("项目") else fig.name
        # text[:end] rather than run: a name longer than the pattern's 60 characters
        if not core or text[:m.end(1)].endswith(core) or run.startswith(_GENERIC) or len(run) < 2:
            continue
        # another name sharing this one's beginning (喀什政府… for 喀什政府网站宣传项目); a short
        # or generic name (资金项目) is too common a prefix to tell a name by
        prefix = core[:4] if len(core) >= 3 else ""
        if prefix and prefix in run:
            run = run[run.index(prefix):]
        elif not tail.startswith(_NAME_STRONG) or len(run) < 4:
            continue
        out.append((m, run + "项目"))
    return out


def _masked(text: str, name: str) -> str:
    """``text`` with the project's own name blanked out (same length, so offsets hold): words and
    figures inside a name such as 结余资金统筹使用项目 or 2024年实际支出核查项目 are not statements."""
    if not name or len(name) < 2 or name not in text:
        return text
    return text.replace(name, "某" * len(name))


def _paragraph(text: str, fig: Figures) -> list[tuple[int, int, str, Any]]:
    """(start, end, kind, value) of every mention in one paragraph."""
    found: list[tuple[int, int, str, Any]] = []
    original, text = text, _masked(text, fig.name)
    for m in _AMOUNT.finditer(text):
        kind, st = _amount_kind(text, m, fig), stated_amount(m.group(1), m.group(2))
        if kind and st:
            found.append((m.start(), m.end(), kind, st))
    for m in _PCT.finditer(text):
        clause, after = _clause(text, m.start()), text[m.end():m.end() + 4]
        kind = None if is_a_target(clause, after) or _not_the_projects(clause, fig) or \
            a_rows_rate(text, m.start(), clause, _DELIM, STOPS) else _kind(clause, RATE_WORDS)
        st = stated_number(m.group(1), "%")
        if kind and st:
            found.append((m.start(), m.end(), kind, st))
    taken: list[tuple[int, int]] = []
    for m in _MET.finditer(text):
        found.append((m.start(), m.end(), "met", int(m.group(1) or m.group(2))))
        taken.append(m.span())
    for m in _LEVEL.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        level, n = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        found.append((m.start(), m.end(), _LEVEL_KIND[level], int(n)))
    for m in _TOTAL.finditer(text):
        kind = "execution_score" if m.group(1) == "执行率得分" else "total"
        found.append((m.start(), m.end(), kind, stated_number(m.group(2), "分")))
    for m in _GRADE.finditer(text):
        found.append((m.start(), m.end(), "grade", _GRADES.get(m.group(1), m.group(1))))
    for m in _YEAR.finditer(text):
        sentence = sentence_of(text, m.start(), m.end())
        if not any(w in sentence for w in OTHER) and not _another_years(
                int(m.group(1)), fig.year, sentence, text[max(0, m.start() - 3):m.start()]):
            found.append((m.start(), m.end(), "year", int(m.group(1))))
    for m in _DATE.finditer(text):
        rest = re.split(f"[{_DELIM}]", text[m.end():m.end() + 16])[0]
        done = _DONE.search(rest)
        if done and not any(w in rest[:done.end() + 4] for w in _NOT_DONE):
            day = int(m.group(3)) if m.group(3) else None
            if m.group(4):
                import calendar

                day = calendar.monthrange(int(m.group(1)), int(m.group(2)))[1]
            found.append((m.start(), m.end(), "completion",
                          (int(m.group(1)), int(m.group(2)), day)))
    for m, name in _names(original, fig):
        found.append((m.start(), m.end(), "name", name))
    return sorted(found, key=lambda x: x[0])


#: A draft's placeholder (【待填写：…】, 【待核对：…】): not a statement, its figures are not read.
HOLE = re.compile(r"【[^】]*】")


def places(paragraphs: list[str]) -> Iterator[tuple[int, str, str]]:
    """(N, text, 第N段（一（二）） of each paragraph: where a finding quoting it says it is."""
    section = sub = ""
    for n, text in enumerate(paragraphs, 1):
        if (sm := _SECTION.match(text)) and len(text) < 40:
            section, sub = sm.group(1), ""
        elif (ss := _SUB.match(text)) and len(text) < 40:
            sub = f"（{ss.group(1)}）"
        yield n, text, f"第{n}段" + (f"（{section}{sub}）" if section else "")


def find_mentions(paragraphs: list[str], fig: Figures) -> list[Mention]:
    """Every mention in reading order; ``loc`` is 第N段 (N counts the non-empty paragraphs).
    Figures inside a draft's 【…】 placeholder are left out."""
    out: list[Mention] = []
    for n, text, where in places(paragraphs):
        holes = [m.span() for m in HOLE.finditer(text)] if "【" in text else []
        for start, end, kind, value in _paragraph(text, fig):
            if any(a <= start < b for a, b in holes):
                continue
            if isinstance(value, Stated) or value is not None:
                out.append(Mention(kind, value, where, sentence_of(text, start, end), n))
    return out
