#!/usr/bin/env python3
"""docs/openapi.json stays true: it is the merge of docs/openapi/*.json and
the server's schema dump (docs/build-openapi), every route of every route
table (src/**/*.c) is documented with its method, no documented operation is
missing from the tables, and every schema the code derives (request bodies,
success responses, list query parameters: field names, types, required,
bounds, enums) and the security of its flags are what the document says.
The /debug routes are test-only (404 unless debug_routes) and are left out
on purpose.

The dump comes from $CLIENTELE_BIN -S (tests/lint/local.mk exports the path
of the clientele make check built), else from the binary docs/build-openapi
finds. The drift tests run on the dump of test_schema's fake module
($CLIENTELE_SCHEMA_SAMPLE, "test_schema --dump"), which has a resource with
every field type, since the real modules may not use resources yet."""
import copy
import importlib.machinery
import importlib.util
import json
import os
import re
import subprocess
import sys
import unittest

ROOT = os.environ.get("CLIENTELE_ROOT") or os.path.abspath(
    os.path.join(os.path.dirname(__file__), "..", ".."))
ROUTE = re.compile(r'\.method\s*=\s*CL_([A-Z]+)\s*,\s*\.pattern\s*=\s*"([^"]+)"')


def load_build_openapi():
    path = os.path.join(ROOT, "docs", "build-openapi")
    loader = importlib.machinery.SourceFileLoader("build_openapi", path)
    spec = importlib.util.spec_from_loader("build_openapi", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


B = load_build_openapi()


def route_table_entries():
    found = []
    for top, _, files in os.walk(os.path.join(ROOT, "src")):
        for name in files:
            if not name.endswith(".c"):
                continue
            with open(os.path.join(top, name), encoding="utf-8") as f:
                for method, pattern in ROUTE.findall(f.read()):
                    if not pattern.startswith(B.DEBUG_PREFIX):
                        found.append((method.lower(), pattern, name))
    return found


# --- comparing a document with a dump -------------------------------------

def resolve(node, schemas, depth=0):
    """node with every "#/components/schemas/X" $ref replaced by X."""
    if depth > 50:
        return {"$ref": "(too deep)"}
    if isinstance(node, list):
        return [resolve(x, schemas, depth + 1) for x in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/components/schemas/"):
        name = ref[len("#/components/schemas/"):]
        if name not in schemas:
            return {"$ref": ref, "unresolved": True}
        return resolve(schemas[name], schemas, depth + 1)
    return {k: resolve(v, schemas, depth + 1) for k, v in node.items()}


def facts(schema):
    """The schema without prose (B.SCHEMA_PROSE), required as a set."""
    if not isinstance(schema, dict):
        return schema
    out = {}
    for key, value in schema.items():
        if key in B.SCHEMA_PROSE:
            continue
        if key == "properties" and isinstance(value, dict):
            out[key] = {n: facts(s) for n, s in value.items()}
        elif key in B.SUBSCHEMA:
            out[key] = facts(value)
        elif key in B.SUBSCHEMA_LISTS and isinstance(value, list):
            out[key] = [facts(s) for s in value]
        elif key == "required" and isinstance(value, list):
            out[key] = sorted(value)
        else:
            out[key] = value
    return out


def short(value):
    text = json.dumps(value, sort_keys=True)
    return text if len(text) <= 80 else text[:77] + "..."


def diff(doc, code, where, problems):
    """Appends a sentence for each place doc and code differ."""
    if isinstance(doc, dict) and isinstance(code, dict):
        for key in code:
            if key not in doc:
                problems.append(f"{where}.{key}: missing from docs/openapi.json "
                                f"(the code has {short(code[key])})")
        for key in doc:
            if key not in code:
                problems.append(f"{where}.{key}: not in the code "
                                f"(docs/openapi.json has {short(doc[key])})")
            else:
                diff(doc[key], code[key], f"{where}.{key}", problems)
    elif (isinstance(doc, list) and isinstance(code, list) and
          len(doc) == len(code) and not all(isinstance(x, str) for x in code)):
        for i, (d, c) in enumerate(zip(doc, code)):
            diff(d, c, f"{where}[{i}]", problems)
    elif json.dumps(doc, sort_keys=True) != json.dumps(code, sort_keys=True):
        problems.append(f"{where}: docs/openapi.json has {short(doc)}, "
                        f"the code has {short(code)}")


def dig(node, *keys):
    for key in keys:
        if not isinstance(node, dict) or key not in node:
            return None
        node = node[key]
    return node


def query_params(doc, op):
    """{name: parameter} of op's query parameters, $refs resolved."""
    out = {}
    for p in op.get("parameters", []):
        real = B.resolve_ref(doc, p)
        if real.get("in") == "query":
            out[real.get("name")] = real
    return out


def param_facts(p, schemas):
    return {k: (facts(resolve(v, schemas)) if k == "schema" else v)
            for k, v in p.items()
            if k in ("in", "required", "style", "explode", "schema")}


def compare(doc, dump):
    """Sentences naming each way doc disagrees with the dump; [] if none."""
    problems = []
    doc_schemas = dig(doc, "components", "schemas") or {}
    code_schemas = dump.get("schemas", {})
    code = B.code_routes(dump)
    documented = B.documented_operations(doc)
    for pattern, method in sorted(code.keys() - documented.keys()):
        problems.append(f"{method.upper()} {pattern}: in the route tables, "
                        "missing from docs/openapi.json")
    for pattern, method in sorted(documented.keys() - code.keys()):
        if not pattern.startswith(B.DEBUG_PREFIX):
            problems.append(f"{method.upper()} {pattern}: documented, but no "
                            "route table has it")
    for key in sorted(code.keys() & documented.keys()):
        route, op = code[key], documented[key]
        where = f"{route['method']} {route['pattern']}"
        want = B.security_for(route["flags"])
        if want is not None and op.get("security") != want:
            problems.append(f"{where}: security is {short(op.get('security'))}, "
                            f"the flags {short(route['flags'])} mean {short(want)}")
        if want is None and (op.get("security") == [] or {} in op.get("security", [])):
            problems.append(f"{where}: documented without credentials, "
                            "but the route is not public")
        if "body" in route:
            schema = dig(op, "requestBody", "content", "application/json", "schema")
            if schema is None:
                problems.append(f"{where}: the request body is not documented")
            else:
                diff(facts(resolve(schema, doc_schemas)),
                     facts(resolve(route["body"], code_schemas)),
                     f"{where} request body", problems)
        if "reply" in route:
            compare_reply(doc, op, route, where, code_schemas, problems)
        if "parameters" in route:
            theirs = query_params(doc, op)
            ours = {p["name"]: p for p in route["parameters"]}
            for name in ours.keys() - theirs.keys():
                problems.append(f"{where}: query parameter {name} is not documented")
            for name in theirs.keys() - ours.keys():
                problems.append(f"{where}: query parameter {name} is documented, "
                                "but the list does not read it")
            for name in sorted(ours.keys() & theirs.keys()):
                diff(param_facts(theirs[name], doc_schemas),
                     param_facts(ours[name], code_schemas),
                     f"{where} ?{name}", problems)
    return problems


def compare_reply(doc, op, route, where, code_schemas, problems):
    reply = route["reply"]
    responses = op.get("responses", {})
    status = B.success_status(reply, responses)
    if "status" in reply:
        others = sorted(s for s in responses if B.is_2xx(s) and s != status)
        if others:
            problems.append(f"{where}: documents {', '.join(others)}, but the "
                            f"code answers {status}")
    if status not in responses:
        problems.append(f"{where}: the {status} response is not documented")
        return
    resp = B.resolve_ref(doc, responses[status])
    schema = dig(resp, "content", "application/json", "schema")
    if "schema" not in reply:
        if resp.get("content"):
            problems.append(f"{where}: {status} is documented with a body, "
                            "but the code sends none")
        return
    if schema is None:
        problems.append(f"{where}: the {status} response has no schema")
        return
    diff(facts(resolve(schema, dig(doc, "components", "schemas") or {})),
         facts(resolve(reply["schema"], code_schemas)),
         f"{where} {status} response", problems)


# --- dumps ------------------------------------------------------------------

def real_dump():
    return B.default_dump(quiet=True)


def sample_dump():
    """The dump of tests/unit/core/test_schema.c's fake module."""
    path = os.environ.get("CLIENTELE_SCHEMA_SAMPLE")
    if not path:
        binary, _ = B.find_clientele()
        if binary is None:
            raise unittest.SkipTest("no build: set CLIENTELE_SCHEMA_SAMPLE")
        path = os.path.join(os.path.dirname(binary), "tests", "unit", "core",
                            "test_schema")
    r = subprocess.run([path, "--dump"], capture_output=True, text=True,
                       check=False)
    if r.returncode != 0:
        raise AssertionError(f"{path} --dump failed: {r.stderr}")
    return B.check_dump(json.loads(r.stdout), path)


def operation(doc, method, pattern):
    return doc["paths"][pattern][method]


class OpenAPITest(unittest.TestCase):
    def test_openapi_json_is_the_merge_of_its_fragments(self):
        r = subprocess.run([sys.executable, os.path.join(ROOT, "docs", "build-openapi"),
                            "--check"], capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stderr)

    def test_every_operation_has_its_own_operation_id(self):
        with open(os.path.join(ROOT, "docs", "openapi.json"), encoding="utf-8") as f:
            doc = json.load(f)
        ids = [op.get("operationId") for item in doc["paths"].values()
               for m, op in item.items() if m in ("get", "post", "put", "patch", "delete")]
        self.assertNotIn(None, ids)
        self.assertEqual(sorted(i for i in set(ids) if ids.count(i) > 1), [])

    def test_every_route_is_documented_with_its_method(self):
        with open(os.path.join(ROOT, "docs", "openapi.json"), encoding="utf-8") as f:
            paths = json.load(f)["paths"]
        routes = route_table_entries()
        self.assertGreater(len(routes), 3, "no route tables found")
        missing = [f"{m.upper()} {p} ({src})" for m, p, src in routes
                   if m not in paths.get(p, {})]
        self.assertEqual(missing, [], "routes missing from docs/openapi.json")

    def test_openapi_json_agrees_with_the_code(self):
        with open(os.path.join(ROOT, "docs", "openapi.json"), encoding="utf-8") as f:
            doc = json.load(f)
        dump = real_dump()
        self.assertGreater(len(B.code_routes(dump)), 3, "the dump lists no routes")
        self.assertEqual(compare(doc, dump), [])


class DriftTest(unittest.TestCase):
    """compare() on the fake module of test_schema: what build-openapi
    makes of it agrees, and each kind of drift is reported."""

    @classmethod
    def setUpClass(cls):
        cls.dump = sample_dump()
        cls.doc, warnings = B.build(cls.dump, [])
        assert warnings == [], warnings

    def drift(self, mutate):
        doc = copy.deepcopy(self.doc)
        mutate(doc)
        return compare(doc, self.dump)

    def assertReported(self, problems, *words):
        self.assertTrue(any(all(w in p for w in words) for p in problems),
                        f"no problem mentions {words}: {problems}")

    def test_the_generated_document_agrees(self):
        self.assertEqual(compare(self.doc, self.dump), [])

    def test_prose_may_change(self):
        def mutate(doc):
            s = doc["components"]["schemas"]["ThingInput"]
            s["description"] = "Anything."
            s["properties"]["name"]["description"] = "The name."
            s["properties"]["name"]["example"] = "Widget"
            operation(doc, "get", "/things")["summary"] = "List things"
        self.assertEqual(self.drift(mutate), [])

    def test_a_changed_max_length_is_reported(self):
        def mutate(doc):
            doc["components"]["schemas"]["ThingInput"]["properties"]["name"]["maxLength"] = 120
        problems = self.drift(mutate)
        self.assertReported(problems, "POST /things request body",
                            "properties.name.maxLength", "120", "100")
        self.assertReported(problems, "PUT /things/{id} request body")

    def test_a_dropped_enum_value_is_reported(self):
        def mutate(doc):
            doc["components"]["schemas"]["Thing"]["properties"]["status"]["enum"].remove("paid")
        problems = self.drift(mutate)
        self.assertReported(problems, "GET /things/{id} 200 response",
                            "properties.status.enum", "paid")

    def test_a_changed_minimum_of_money_is_reported(self):
        def mutate(doc):
            doc["components"]["schemas"]["ThingPatch"]["properties"]["price"]["x-minimum"] = "0.00"
        self.assertReported(self.drift(mutate), "PATCH /things/{id}",
                            "price.x-minimum")

    def test_a_changed_type_is_reported(self):
        def mutate(doc):
            doc["components"]["schemas"]["Thing"]["properties"]["total"]["type"] = "string"
        self.assertReported(self.drift(mutate), "properties.total.type")

    def test_required_is_compared(self):
        def mutate(doc):
            doc["components"]["schemas"]["ThingInput"]["required"].remove("price")
        self.assertReported(self.drift(mutate), "POST /things", "required")

    def test_fields_added_or_removed_are_reported(self):
        def mutate(doc):
            props = doc["components"]["schemas"]["ThingInput"]["properties"]
            del props["email"]
            props["id"] = {"type": "integer"}
        problems = self.drift(mutate)
        self.assertReported(problems, "properties.email", "missing")
        self.assertReported(problems, "properties.id", "not in the code")

    def test_query_parameters_are_compared(self):
        def mutate(doc):
            params = operation(doc, "get", "/things")["parameters"]
            for p in params:
                if p["name"] == "limit":
                    p["schema"]["maximum"] = 1000
                if p["name"] == "ordering":
                    p["schema"]["items"]["enum"].remove("-price")
            params[:] = [p for p in params if p["name"] != "search"]
            params.append({"name": "sort", "in": "query", "schema": {"type": "string"}})
        problems = self.drift(mutate)
        self.assertReported(problems, "GET /things ?limit", "maximum", "1000")
        self.assertReported(problems, "GET /things ?ordering", "-price")
        self.assertReported(problems, "search is not documented")
        self.assertReported(problems, "sort is documented")

    def test_routes_missing_or_extra_are_reported(self):
        def mutate(doc):
            del doc["paths"]["/things/{id}"]["get"]
            doc["paths"]["/gone"] = {"get": {"responses": {"200": {"description": "x"}}}}
        problems = self.drift(mutate)
        self.assertReported(problems, "GET /things/{id}", "missing from docs")
        self.assertReported(problems, "GET /gone", "no route table")

    def test_status_and_security_are_compared(self):
        def mutate(doc):
            op = operation(doc, "post", "/things")
            op["responses"]["200"] = op["responses"].pop("201")
            del operation(doc, "post", "/login")["security"]
            operation(doc, "get", "/things")["security"] = []
        problems = self.drift(mutate)
        self.assertReported(problems, "POST /things", "201")
        self.assertReported(problems, "POST /login: security")
        self.assertReported(problems, "GET /things", "not public")

    def test_a_fragment_keeps_its_prose_and_loses_its_stale_schema(self):
        frag = {"paths": {"/things": {"post": {
            "summary": "Create a thing",
            "requestBody": {"content": {"application/json": {
                "schema": {"$ref": "#/components/schemas/ThingWrite"},
                "example": {"name": "Widget", "price": "5.00"}}}},
            "responses": {
                "200": {"description": "Stale: the code answers 201."},
                "400": {"$ref": "#/components/responses/BadRequest"}}}}},
            "components": {"schemas": {"ThingInput": {
                "description": "Body of POST and PUT.",
                "properties": {"name": {"type": "string", "maxLength": 5,
                                        "description": "Unique."}}}}}}
        doc, warnings = B.build(self.dump, [("fake.json", frag)])
        self.assertEqual(warnings, [])
        self.assertEqual(compare(doc, self.dump), [])
        op = operation(doc, "post", "/things")
        self.assertEqual(op["summary"], "Create a thing")
        media = op["requestBody"]["content"]["application/json"]
        self.assertEqual(media["schema"], {"$ref": "#/components/schemas/ThingInput"})
        self.assertEqual(media["example"]["name"], "Widget")
        self.assertEqual(sorted(op["responses"]), ["201", "400"])
        self.assertEqual(op["responses"]["201"]["description"],
                         "Stale: the code answers 201.")
        name = doc["components"]["schemas"]["ThingInput"]["properties"]["name"]
        self.assertEqual(name["maxLength"], 100)
        self.assertEqual(name["description"], "Unique.")
        self.assertEqual(doc["components"]["schemas"]["ThingInput"]["description"],
                         "Body of POST and PUT.")

    def test_a_documented_route_the_code_lacks_is_warned(self):
        frag = {"paths": {"/gone": {"get": {"responses": {"200": {"description": "x"}}}}}}
        _, warnings = B.build(self.dump, [("fake.json", frag)])
        self.assertEqual(warnings, ["GET /gone is documented, but no route table has it"])


if __name__ == "__main__":
    unittest.main()
