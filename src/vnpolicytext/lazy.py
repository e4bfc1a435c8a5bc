"""Names a package exports but imports from its submodules on first use (PEP 562), so that importing the
package stays cheap: `__getattr__ = lazy_names(__name__, {"name": "submodule"}, globals())`."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from importlib import import_module
from typing import Any


def lazy_names(package: str, where: Mapping[str, str], namespace: dict[str, Any]) -> Callable[[str], Any]:
    """A module `__getattr__` that imports `name` from `package`'s submodule `where[name]` on first use and
    keeps it in the module's `namespace` (later reads do not come back here)."""

    def __getattr__(name: str) -> Any:
        module = where.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(f".{module}", package), name)
        namespace[name] = value
        return value

    return __getattr__
