/* Starts Swagger UI on ../openapi.json, the document this server serves;
 * "Try it out" sends requests to its servers entry (/api/v1), the same
 * origin. A separate file because the site's CSP allows no inline code. */
"use strict";
window.addEventListener("DOMContentLoaded", () => {
	window.ui = SwaggerUIBundle({
		url: "/api/docs/openapi.json",
		dom_id: "#swagger-ui",
		deepLinking: true,
		// No call to validator.swagger.io: the CSP allows this site only.
		validatorUrl: null,
		docExpansion: "list",
		defaultModelsExpandDepth: 0,
		tryItOutEnabled: false,
		persistAuthorization: false,
	});
});
