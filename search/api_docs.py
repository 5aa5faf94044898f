"""The public API's description: the OpenAPI document as JSON (/api/schema/) and as a page (/api/docs/).

The page is drawn from the same document (search/openapi.py), so it cannot say something else.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.http import HttpRequest, JsonResponse
from django.template.response import TemplateResponse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from .openapi import openapi_document

# One request per operation, shown on the page as « for example ».
EXAMPLES = {
    "/api/search/": "/api/search/?q=miel&place=05000&radius=20&sort=distance",
    "/api/search/suggestions/": "/api/search/suggestions/?q=lav",
    "/api/communes/": "/api/communes/?q=gap",
}


@require_GET
def schema_json(request: HttpRequest) -> JsonResponse:
    response = JsonResponse(openapi_document(), json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Access-Control-Allow-Origin"] = "*"
    return response


@dataclass
class Field:
    name: str
    kind: str  # « nombre de 0,5 à 200 », in words
    description: str = ""
    schema_link: str = ""  # the anchor of a described object
    values: list[str] = field(default_factory=list)
    pattern: str = ""


@dataclass
class Operation:
    path: str
    summary: str
    description: str
    example: str
    parameters: list[Field]
    responses: list[Field]


def _number(value) -> str:
    return number_format(value, decimal_pos=None if float(value) != int(value) else 0, force_grouping=True)


def _bounds(schema: dict) -> str:
    low, high = schema.get("minimum"), schema.get("maximum")
    if low is not None and high is not None:
        return _("from %(low)s to %(high)s") % {"low": _number(low), "high": _number(high)}
    return ""


def _kind(schema: dict) -> tuple[str, str]:
    """The schema in words, and the anchor of the object it refers to (if any)."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return _("object %(name)s") % {"name": name}, f"schema-{name}"
    if "oneOf" in schema:
        kinds = [_kind(option) for option in schema["oneOf"]]
        link = next((anchor for _text, anchor in kinds if anchor), "")
        return _(" or ").join(text for text, _anchor in kinds), link
    types = schema.get("type")
    nullable = isinstance(types, list) and "null" in types
    base = next((kind for kind in types if kind != "null"), "null") if isinstance(types, list) else types
    link = ""
    if base == "array":
        item, link = _kind(schema.get("items", {}))
        words = _("list, each item: %(item)s") % {"item": item}
        if schema.get("maxItems"):
            words += ", " + _("%(count)s at most") % {"count": schema["maxItems"]}
    elif base == "object" and isinstance(schema.get("additionalProperties"), dict):
        item, link = _kind(schema["additionalProperties"])
        words = _("object: for each key, %(item)s") % {"item": item}
    elif base == "object" and schema.get("properties"):
        # An object whose keys all hold the same kind (the facets, the flags).
        kinds = {_kind(value) for value in schema["properties"].values()}
        item, link = kinds.pop() if len(kinds) == 1 else (_("object"), "")
        words = _("object: %(keys)s; each: %(item)s") % {"keys": ", ".join(schema["properties"]), "item": item}
    elif base == "integer":
        words = " ".join(filter(None, [_("whole number"), _bounds(schema)]))
    elif base == "number":
        words = " ".join(filter(None, [_("number"), _bounds(schema)]))
        if schema.get("multipleOf") == 0.01:
            words += ", " + _("two decimals at most")
    elif base == "boolean":
        words = _("true or false")
    elif base == "object":
        words = _("object")
    elif base == "null":
        words = _("null")
    else:
        words = _("text")
        if schema.get("maxLength"):
            words += ", " + _("%(count)s characters at most") % {"count": schema["maxLength"]}
    if "default" in schema:
        words += ", " + _("default %(value)s") % {"value": schema["default"]}
    if nullable:
        words = _("%(kind)s or null") % {"kind": words}
    return words, link


def _field(name: str, schema: dict, description: str = "") -> Field:
    kind, link = _kind(schema)
    values = schema.get("enum") or schema.get("items", {}).get("enum") or []
    pattern = schema.get("pattern") or schema.get("items", {}).get("pattern") or ""
    return Field(name, kind, description or schema.get("description", ""), link,
                 ["null" if value is None else str(value) for value in values], pattern)


def _operations(document: dict) -> list[Operation]:
    operations = []
    for path, methods in document["paths"].items():
        operation = methods["get"]
        parameters = []
        for source in operation["parameters"]:
            schema = source["schema"]
            if source.get("explode"):
                # ?trade=a&trade=b: described by its items, said repeatable.
                parameter = _field(source["name"], schema["items"], source["description"])
                parameter.kind = _("repeatable up to %(count)s times: %(kind)s") % {"count": schema["maxItems"], "kind": parameter.kind}
            else:
                parameter = _field(source["name"], schema, source["description"])
            parameters.append(parameter)
        responses = [
            _field(status, response["content"]["application/json"]["schema"], response["description"])
            for status, response in operation["responses"].items()
        ]
        operations.append(Operation(path, operation["summary"], operation["description"], EXAMPLES[path], parameters, responses))
    return operations


def _objects(document: dict) -> list[tuple[str, list[Field]]]:
    objects = []
    for name, schema in document["components"]["schemas"].items():
        required = set(schema.get("required", []))
        fields = [_field(key, value) for key, value in schema["properties"].items()]
        for item in fields:
            if item.name not in required:
                item.kind = _("%(kind)s, may be absent") % {"kind": item.kind}
        objects.append((name, fields))
    return objects


@require_GET
def api_docs_page(request: HttpRequest) -> TemplateResponse:
    document = openapi_document()
    return TemplateResponse(request, "search/api_docs.html", {
        "info": document["info"],
        "openapi_version": document["openapi"],
        "operations": _operations(document),
        "objects": _objects(document),
    })
