"""Module names in REV's configuration text, renamed as the change renamed the modules."""

from __future__ import annotations

from fitness.config.renaming import rename_modules

MOVED = {"shop.legacy": "shop.modern", "shop.a": "shop.b"}


def test_names_in_strings_follow_renames_dotted_name_by_dotted_name() -> None:
    text = (
        "[tool.fitness.rules.x]\n"
        'kind = "layers"\n'
        'layers = ["shop.api", "shop.legacy | shop.ab", \'shop.legacy.core\']\n'
        'ignore = ["shop.legacy.** -> shop.a"]\n'
        'message = "shop.legacy_x and myshop.legacy stay"\n'
    )

    renamed, followed = rename_modules(text, MOVED)

    assert renamed == (
        "[tool.fitness.rules.x]\n"
        'kind = "layers"\n'
        'layers = ["shop.api", "shop.modern | shop.ab", \'shop.modern.core\']\n'
        'ignore = ["shop.modern.** -> shop.b"]\n'
        'message = "shop.legacy_x and myshop.legacy stay"\n'
    )
    assert followed == (("shop.legacy", "shop.modern"), ("shop.a", "shop.b"))


def test_keys_and_text_outside_strings_are_left_alone() -> None:
    text = "[tool.fitness.rules.shop]\n# shop.legacy\nfrom = []\n"
    assert rename_modules(text, {"shop": "store", "shop.legacy": "x"}) == (text, ())


def test_nothing_moved_is_the_same_text() -> None:
    assert rename_modules('from = ["shop.legacy"]\n', {}) == ('from = ["shop.legacy"]\n', ())
