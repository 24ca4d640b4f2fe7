// Render every Vega-Lite spec on the page (json_script elements named in data-spec) with vega-embed,
// and submit the comparison form when a choice changes so the URL always describes the view.
(function () {
  function render() {
    document.querySelectorAll("[data-spec]").forEach(function (el) {
      var spec = JSON.parse(document.getElementById(el.dataset.spec).textContent);
      vegaEmbed(el, spec, { actions: { export: true, source: false, compiled: false, editor: false },
                            renderer: "svg" }).then(function () { el.setAttribute("data-rendered", "1"); });
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    render();
    var form = document.getElementById("compare-form");
    if (form) {
      form.addEventListener("change", function () { form.requestSubmit(); });
    }
  });
})();
