"""The OpenAPI schema lists every status an operation can answer, not only the ones its view
returns: the errors the framework answers before the view runs are implied by how the operation
is declared, and added here so that no route can forget them.

- 400 when it takes a body (a body that is not JSON: "Cannot parse request body");
- 401 when it needs a token;
- 422 when it takes parameters or a body (gongkai.api.errors answers invalid input);
- 429 when it is throttled.

Statuses a view answers itself (403, 404, 410, a rule's 422) are declared on the route, e.g.
``response={200: Out, 404: Detail}``; a route that declares a status keeps its own schema.
"""

from http import HTTPStatus

from ninja import NinjaAPI, Schema
from ninja.openapi.schema import OpenAPISchema
from ninja.operation import Operation

from gongkai.api.schemas import Detail, InvalidInput


def implied_errors(operation: Operation) -> dict[int, type[Schema]]:
    """The error statuses ``operation`` answers before (or around) its view, with their bodies."""
    sources = {model.__ninja_param_source__ for model in operation.models}
    errors: dict[int, type[Schema]] = {}
    if "body" in sources:
        errors[400] = Detail
    if operation.auth_callbacks:
        errors[401] = Detail
    if sources:
        errors[422] = InvalidInput
    if operation.throttle_objects:
        errors[429] = Detail
    return errors


class CompleteOpenAPISchema(OpenAPISchema):
    def methods(self, operations: list) -> dict:
        """HEAD goes with every GET (see DocumentedAPI) and is implied by it (RFC 9110 §9.3.2):
        not listed as an operation of its own."""
        found = super().methods(operations)
        found.pop("head", None)
        return found

    def responses(self, operation: Operation) -> dict[int, dict]:
        result = super().responses(operation)
        for status, model in implied_errors(operation).items():
            if status not in result:
                result[status] = self._error_response(status, model)
        return dict(sorted(result.items()))

    def _error_response(self, status: int, model: type[Schema]) -> dict:
        wrapper = type("NinjaResponseSchema", (Schema,), {"__annotations__": {"response": model}})
        schema = self._create_schema_from_model(wrapper, mode="serialization")[0]
        return {
            "description": HTTPStatus(status).phrase,
            "content": {self.api.renderer.media_type: {"schema": schema}},
        }


class DocumentedAPI(NinjaAPI):
    """A NinjaAPI whose schema lists the implied error statuses (see the module docstring), and
    whose GET operations answer HEAD too (monitors and link checkers ask HEAD; the page cache
    answers it as the GET without the body)."""

    def _get_bound_routers(self):
        routers = super()._get_bound_routers()
        for router in routers:
            for path_view in router.path_operations.values():
                for operation in path_view.operations:
                    if "GET" in operation.methods and "HEAD" not in operation.methods:
                        operation.methods.append("HEAD")
        return routers

    def get_openapi_schema(self, *, path_prefix=None, path_params=None) -> OpenAPISchema:
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        return CompleteOpenAPISchema(self, path_prefix)
