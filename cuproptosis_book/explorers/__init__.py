"""Explorers: the mechanism (:mod:`.base`), the figure explorers (:mod:`.figure_explorers`), the step-by-step
explorer (:mod:`.stepper`) and one module per chapter, named after the chapter notebook it serves
(``chapters/nanoparticles.ipynb`` -> :mod:`.nanoparticles`).
"""
