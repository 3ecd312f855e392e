"""Compares a decoded JSON value with a shape from seed_shapes.py."""


def json_type(value):
    """The JSON type name of a decoded value."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def type_matches(value, expected):
    """Whether `value` has one of the "|"-separated types in `expected`."""
    actual = json_type(value)
    for name in expected.split("|"):
        if name == "any" or name == actual or (name == "number" and actual == "integer"):
            return True
    return False


def mismatches(value, shape, path=""):
    """Every (path, expected, actual) where `value` does not have `shape`."""
    found = []
    if isinstance(shape, str):
        if not type_matches(value, shape):
            found.append((path or "(body)", shape, json_type(value)))
    elif isinstance(shape, list):
        if not isinstance(value, list):
            found.append((path or "(body)", "array", json_type(value)))
        else:
            for element in value:
                found += mismatches(element, shape[0], path + "[]")
    elif isinstance(shape, dict) and list(shape) == ["*"]:
        if not isinstance(value, dict):
            found.append((path or "(body)", "object", json_type(value)))
        else:
            for key, element in value.items():
                found += mismatches(element, shape["*"], f"{path}.{key}" if path else key)
    else:
        if not isinstance(value, dict):
            found.append((path or "(body)", "object", json_type(value)))
        else:
            for key, element_shape in shape.items():
                key_path = f"{path}.{key}" if path else key
                if key not in value:
                    found.append((key_path, "present", "missing"))
                else:
                    found += mismatches(value[key], element_shape, key_path)
    # An array of many equal elements repeats the same problem; report each path once.
    unique = []
    for item in found:
        if item not in unique:
            unique.append(item)
    return unique
