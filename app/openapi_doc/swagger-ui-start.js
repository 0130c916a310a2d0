// Start Swagger UI voor Maatstaf (GET /api/v1/docs). Een eigen bestand in plaats van een script in de pagina:
// de Content-Security-Policy van de pagina staat dan alleen scripts van de service zelf toe ('self'), zonder
// 'unsafe-inline'. De URL van het OpenAPI-document staat in data-openapi (hangt af van een proxy-voorvoegsel).
"use strict";
(function () {
  var plek = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: plek.getAttribute("data-openapi"),
    dom_id: "#swagger-ui",
    layout: "BaseLayout",
    deepLinking: true,
    showExtensions: true,
    showCommonExtensions: true,
    defaultModelsExpandDepth: 0,
    tryItOutEnabled: true,
    persistAuthorization: true,
    validatorUrl: null, // geen badge die het document naar een externe validator stuurt
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset],
  });
})();
