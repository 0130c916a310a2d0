// Start Swagger UI voor Maatstaf (GET /api/v1/docs). Een eigen bestand in plaats van een script in de pagina:
// de Content-Security-Policy van de pagina staat dan alleen scripts van de service zelf toe ('self'), zonder
// 'unsafe-inline'. De URL van het OpenAPI-document staat in data-openapi (hangt af van een proxy-voorvoegsel).
"use strict";
(function () {
  // Swagger UI schrijft de contactregel van het document in het Engels ("Team Maatstaf - Website", "Send email to
  // Team Maatstaf"); deze plugin vervangt haar door een Nederlandse, met dezelfde links.
  function nederlandseContactregel() {
    return {
      wrapComponents: {
        Contact: function (_origineel, system) {
          return function Contactregel() {
            var h = system.React.createElement;
            var contact = system.specSelectors.info().get("contact");
            if (!contact) {
              return null;
            }
            var naam = contact.get("name") || "de beheerder";
            var url = contact.get("url");
            var email = contact.get("email");
            var Link = system.getComponent("Link");
            return h(
              "div",
              { className: "info__contact" },
              url ? h("div", null, h(Link, { href: url, target: "_blank" }, "Website van " + naam)) : null,
              email ? h(Link, { href: "mailto:" + email }, "E-mail naar " + naam) : null
            );
          };
        },
      },
    };
  }

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
    plugins: [nederlandseContactregel],
  });
})();
