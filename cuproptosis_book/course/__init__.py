"""The course around the chapters: chapters and their objective prefixes (:mod:`.chapters`), objectives and
exercises read from the notebooks (:mod:`.objectives`), quizzes (:mod:`.quiz`, :mod:`.quiz_model`), critical-reading
tasks (:mod:`.reading`), the figures and tables ready for slides (:mod:`.slide_assets`) and the session kit: the
syllabus data (:mod:`.syllabus`), what it reads from the book (:mod:`.session_sources`) and its pages
(:mod:`.session_pages`).
"""
