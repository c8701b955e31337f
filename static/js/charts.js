/*
 * Draws every <canvas data-chart="ID"> with Chart.js from the JSON that Django's json_script
 * filter wrote into <script id="ID" type="application/json">. The page works without it: each
 * chart's numbers are also in a table beside it (templates/includes/chart.html).
 *
 * Chart kinds: "line" (labels, datasets: [{label, data}]) and "timeline" (categories, points:
 * [{x: year, y: category index, n: count}]) drawn as bubbles, one row per kind of event, and
 * "bar" (labels, datasets: [{label, data}], optional stacked, xTitle, yTitle): one bar per
 * label, the datasets stacked when "stacked" is true (the Measures pages).
 */
(function () {
  "use strict";

  // Colour-blind-safe, dark enough on white (Okabe-Ito, darkened).
  var PALETTE = ["#0b5cad", "#b35900", "#1a7f37", "#8250df", "#a40e26", "#4d5d6b"];

  function colour(index, alpha) {
    var hex = PALETTE[index % PALETTE.length];
    if (alpha === undefined) {
      return hex;
    }
    var value = parseInt(hex.slice(1), 16);
    return "rgba(" + (value >> 16) + "," + ((value >> 8) & 255) + "," + (value & 255) + "," + alpha + ")";
  }

  // A "line" or "bar" spec's series: {label, data} with the look ``look(index)`` gives the nth.
  function series(spec, look) {
    return spec.datasets.map(function (dataset, index) {
      return Object.assign({ label: dataset.label, data: dataset.data }, look(index));
    });
  }

  // The options of a chart of labelled columns (line and bar): sized by its box, drawn at
  // once, one tooltip for a whole column.
  function columnOptions(scales, legend) {
    return {
      maintainAspectRatio: false,
      animation: false,
      interaction: { mode: "index", intersect: false },
      scales: scales,
      plugins: { legend: legend }
    };
  }

  function lineConfig(spec) {
    return {
      type: "line",
      data: {
        labels: spec.labels,
        datasets: series(spec, function (index) {
          return {
            borderColor: colour(index),
            backgroundColor: colour(index, 0.15),
            borderDash: index % 2 ? [6, 3] : [],
            pointRadius: 2,
            stepped: true,
            fill: false
          };
        })
      },
      options: columnOptions(
        {
          y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: spec.yTitle || "members" } },
          x: { title: { display: true, text: spec.xTitle || "on 1 January of" } }
        },
        { position: "bottom" }
      )
    };
  }

  function timelineConfig(spec) {
    var largest = spec.points.reduce(function (most, point) { return Math.max(most, point.n); }, 1);
    var years = spec.points.map(function (point) { return point.x; });
    var first = years.length ? Math.min.apply(null, years) - 1 : undefined;
    var last = years.length ? Math.max.apply(null, years) + 1 : undefined;
    var datasets = spec.categories.map(function (category, index) {
      return {
        label: category,
        data: spec.points
          .filter(function (point) { return point.y === index; })
          .map(function (point) { return { x: point.x, y: index, r: 3 + 9 * Math.sqrt(point.n / largest), n: point.n }; }),
        backgroundColor: colour(index, 0.55),
        borderColor: colour(index)
      };
    });
    return {
      type: "bubble",
      data: { datasets: datasets },
      options: {
        maintainAspectRatio: false,
        animation: false,
        scales: {
          x: {
            type: "linear", min: first, max: last,
            ticks: { precision: 0, callback: function (value) { return String(value); } },
            title: { display: true, text: "year" }
          },
          y: {
            type: "linear", min: -0.6, max: spec.categories.length - 0.4, reverse: true,
            afterBuildTicks: function (axis) { axis.ticks = spec.categories.map(function (_, index) { return { value: index }; }); },
            ticks: { callback: function (value) { return spec.categories[value] || ""; } }
          }
        },
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              label: function (context) {
                return context.dataset.label + ", " + context.raw.x + ": " + context.raw.n;
              }
            }
          }
        }
      }
    };
  }

  function barConfig(spec) {
    return {
      type: "bar",
      data: {
        labels: spec.labels,
        datasets: series(spec, function (index) {
          return {
            backgroundColor: colour(index, index ? 0.45 : 0.8),
            borderColor: colour(index),
            borderWidth: 1,
            maxBarThickness: 64
          };
        })
      },
      options: columnOptions(
        {
          x: { stacked: !!spec.stacked, title: { display: !!spec.xTitle, text: spec.xTitle || "" } },
          y: {
            stacked: !!spec.stacked, beginAtZero: true, ticks: { precision: 0 },
            title: { display: !!spec.yTitle, text: spec.yTitle || "" }
          }
        },
        { display: spec.datasets.length > 1, position: "bottom" }
      )
    };
  }

  function draw() {
    if (!window.Chart) {
      return;
    }
    document.documentElement.classList.add("charts");
    var canvases = document.querySelectorAll("canvas[data-chart]");
    Array.prototype.forEach.call(canvases, function (canvas) {
      var source = document.getElementById(canvas.getAttribute("data-chart"));
      if (!source) {
        return;
      }
      var spec = JSON.parse(source.textContent);
      var config = spec.type === "timeline" ? timelineConfig(spec) : spec.type === "bar" ? barConfig(spec) : lineConfig(spec);
      new window.Chart(canvas, config);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
