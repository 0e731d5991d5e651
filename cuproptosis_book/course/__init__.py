"""The course around the chapters: chapters and their objective prefixes (:mod:`.chapters`), objectives and
exercises read from the notebooks (:mod:`.objectives`), quizzes (:mod:`.quiz`, :mod:`.quiz_model`), critical-reading
tasks (:mod:`.reading`) and slide assets (:mod:`.slides`).
"""
