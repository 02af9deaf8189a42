/* The dashboard's charts (Chart.js) and facility map (Leaflet), drawn from the
   JSON the page carries in #dashboard-data. No inline script or style: the
   Content-Security-Policy stays script-src 'self'. */
"use strict";

(function () {
  const source = document.getElementById("dashboard-data");
  if (!source) {
    return;
  }
  const data = JSON.parse(source.textContent);
  const ink = "#417690";
  const yearOnly = "#b8860b";
  // Long labels (facilities, fates) read better on horizontal bars; a label
  // too long for the axis is shortened there, and whole in the tooltip.
  const horizontal = (id) => id !== "by-month";
  const longest = 32;
  function shortened(label) {
    return label.length > longest ? `${label.slice(0, longest - 1)}…` : label;
  }

  function drawChart(id, chart) {
    const canvas = document.getElementById(`chart-${id}`);
    if (!canvas || !window.Chart) {
      return;
    }
    const colours = chart.labels.map((_label, index) =>
      id === "by-month" && !chart.keys[index].includes("-")
        ? yearOnly
        : ink,
    );
    new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: chart.labels,
        datasets: [
          { label: data.label, data: chart.counts, backgroundColor: colours, maxBarThickness: 32 },
        ],
      },
      options: {
        indexAxis: horizontal(id) ? "y" : "x",
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { display: false } },
        scales: horizontal(id)
          ? {
              x: { beginAtZero: true, ticks: { precision: 0 } },
              y: { ticks: { callback: (value) => shortened(chart.labels[value]) } },
            }
          : { y: { beginAtZero: true, ticks: { precision: 0 } } },
        onClick: (_event, elements) => {
          const link = elements.length ? chart.links[elements[0].index] : null;
          if (link) {
            window.location.assign(link);
          }
        },
        onHover: (event, elements) => {
          const link = elements.length && chart.links[elements[0].index];
          event.native.target.classList.toggle("chart-link", Boolean(link));
        },
      },
    });
  }

  function popup(facility) {
    // Built as elements, never as HTML: a facility's name is typed by people.
    const box = document.createElement("div");
    const name = document.createElement("strong");
    name.textContent = facility.name;
    const link = document.createElement("a");
    link.href = facility.url;
    link.textContent = `${facility.cases} ${data.map.casesLabel}`;
    box.append(name, document.createElement("br"), link);
    return box;
  }

  function drawMap(map) {
    const element = document.getElementById("facility-map");
    if (!element || !window.L) {
      return;
    }
    const view = window.L.map(element, { scrollWheelZoom: false }).setView([41.5, 84], 5);
    if (map.tiles) {
      window.L.tileLayer(map.tiles, { attribution: map.attribution, maxZoom: 12 }).addTo(view);
    } else {
      element.classList.add("offline-map");
      fetch(map.outlines)
        .then((answer) => answer.json())
        .then((outlines) => {
          const style = { color: "#9a9a9a", weight: 1, fillColor: "#f3efe4", fillOpacity: 1 };
          window.L.geoJSON(outlines, { style, interactive: false }).addTo(view).bringToBack();
        });
    }
    const points = [];
    for (const facility of map.facilities) {
      const where = [facility.latitude, facility.longitude];
      points.push(where);
      window.L.circleMarker(where, {
        radius: 5 + 3 * Math.sqrt(facility.cases),
        color: "#7a2e2e",
        weight: 1,
        fillColor: facility.cases ? "#b33a3a" : "#ffffff",
        fillOpacity: 0.7,
      })
        .bindTooltip(`${facility.name}: ${facility.cases}`)
        .bindPopup(popup(facility))
        .addTo(view);
    }
    if (points.length) {
      view.fitBounds(points, { padding: [40, 40], maxZoom: 6 });
    }
  }

  for (const [id, chart] of Object.entries(data.charts)) {
    drawChart(id, chart);
  }
  drawMap(data.map);
})();
