"""The site around the book: the Sphinx extension (:mod:`.sphinxext`), the table of contents (:mod:`cuproptosis_book.toc`),
PDF handouts (:mod:`.handouts`), the sessions' reveal.js slide decks (:mod:`.decks`) and the ``make figures|notebooks|handouts`` command line (:mod:`.export`);
``_static/`` and ``_templates/`` ship with it.
"""
