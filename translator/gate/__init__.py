"""The CI gate: what ``translator check`` adds on top of a comparison.

Owns the check run over one or many targets (:mod:`.checkrun`), the
project configuration that selects checks, severities and options
(:mod:`.config`), baselines of accepted findings (:mod:`.baseline`) and
inline suppression comments (:mod:`.suppressions`), and the gate's model
(:mod:`.model`: :class:`~.model.CheckRun`, :class:`~.model.Rule`). It
consumes the pipeline's :class:`~translator.model.Comparison`; renderers
read the resulting :class:`~.model.CheckRun`.
"""
