"""The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters, the last a
check character computed from the first seventeen (weights 3^i mod 31 over a 31-character
alphabet without I, O, Z, S and V)."""

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_VALUE = {char: index for index, char in enumerate(ALPHABET)}


def normalise(code: str) -> str:
    """Upper case without spaces: how codes are typed and stored."""
    return "".join(code.split()).upper()


def check_character(first17: str) -> str:
    """The 18th character for the first seventeen. Raises ValueError on a foreign character."""
    if len(first17) != 17:
        raise ValueError("17 characters expected")
    try:
        total = sum(_VALUE[char] * weight for char, weight in zip(first17, WEIGHTS, strict=True))
    except KeyError as missing:
        raise ValueError(f"not in the code alphabet: {missing}") from None
    return ALPHABET[(31 - total % 31) % 31]


def is_valid(code: str) -> bool:
    code = normalise(code)
    if len(code) != 18 or any(char not in _VALUE for char in code):
        return False
    return check_character(code[:17]) == code[17]
