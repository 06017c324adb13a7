"""Word list numbering with several lists over one definition: lists sharing an abstractNum
continue each other's count, as Word shows them, and a list with lvlOverride/startOverride
counts on its own from its start."""

from __future__ import annotations

import io

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from muniplan.readers import read_document


def _numbered_plan(numbering: list[int]) -> bytes:
    """A plan table whose number cells are list paragraphs of the given numIds: 91 and 92 share
    abstractNum 90; 93 shares it too but restarts at 5 (startOverride)."""
    document = Document()
    document.add_paragraph("План работы Совета на 2026 год")
    part = document.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        '<w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
    )
    first = part.find(f"{{{part.nsmap['w']}}}num")
    first.addprevious(abstract) if first is not None else part.append(abstract)
    for num_id in (91, 92):
        part.append(
            parse_xml(
                f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="90"/></w:num>'
            )
        )
    part.append(
        parse_xml(
            f'<w:num {nsdecls("w")} w:numId="93"><w:abstractNumId w:val="90"/>'
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>'
        )
    )
    table = document.add_table(rows=1 + len(numbering), cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "№ п/п", "Наименование мероприятия"
    for row, num_id in zip(table.rows[1:], numbering, strict=True):
        paragraph = row.cells[0].paragraphs[0]
        paragraph._p.get_or_add_pPr().append(
            parse_xml(
                f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'
            )
        )
        row.cells[1].text = f"Мероприятие списка {num_id}"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_lists_sharing_a_definition_continue_and_a_start_override_restarts():
    draft = read_document("план.docx", _numbered_plan([91, 91, 92, 93, 93]))
    numbers = [a.number for s in draft.sections for a in s.activities]
    assert numbers == ["1", "2", "3", "5", "6"]
