"""The library's exceptions: one base class, so callers can catch everything we raise on purpose."""

from __future__ import annotations


class VnPolicyTextError(Exception):
    """Base class of every error vnpolicytext raises on purpose."""


class InputError(VnPolicyTextError, ValueError):
    """The input cannot be read as Vietnamese text (undecodable bytes, unreadable file)."""


class ConfigError(VnPolicyTextError, ValueError):
    """The configuration names an unknown key, rule id, profile or file, or a value out of range."""
