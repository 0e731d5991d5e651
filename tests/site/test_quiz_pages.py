"""Every chapter page of the built book ends with its self-check quiz, and the quiz works with no kernel.

The built pages are served from 127.0.0.1 and opened in headless Chromium: for each question the right
answer shows the "Correct." panel and a wrong one the "Not quite." panel with its feedback, and nothing
leaves the local server.
"""

from __future__ import annotations

from typing import Any

import pytest

from cuproptosis_book.course import chapters, quiz

QUESTIONS = {ch: quiz.questions(ch) for ch in chapters.CHAPTERS}


@pytest.mark.browser
@pytest.mark.parametrize("http_server", ["book"], indirect=True)
@pytest.mark.parametrize("chapter", list(chapters.CHAPTERS))
def test_chapter_page_quiz_works_offline(page: Any, chapter: str) -> None:
    page.open(f"chapters/{chapter}.html")
    questions = QUESTIONS[chapter]
    assert len(questions) >= 5
    assert page.locator(".cb-quiz .cb-explorer").count() == len(questions)
    for q in questions:
        box = page.locator(f"#cbx-quiz-{q.id}")
        select = f"#cbx-quiz-{q.id}-c-answer"
        assert "Choose an answer" in box.inner_text()
        if q.kind == "short":
            page.select_option(select, "show")
            assert "Model answer." in box.inner_text()
            continue
        page.select_option(select, q.values[q.correct_label])
        assert "Correct." in box.inner_text()
        wrong = next(o for o in q.options if not o.correct)
        page.select_option(select, q.values[wrong.label])
        shown = box.inner_text()
        assert "Not quite." in shown
        assert "Correct." not in shown
        assert wrong.feedback.split()[0] in shown
    page.assert_clean()
