"""Teaching models: numpy/scipy/pandas only, units in every name or docstring.

Every public function rejects bad input with a ``ValueError`` that names the
parameter and its allowed range (see ``helpers.validation``).
"""
