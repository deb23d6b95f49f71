/* 整改台账: the little script the pages need. Charts are drawn from the JSON in data-chart attributes (the server
   renders it; nothing inline runs, as the Content-Security-Policy demands), a click on a bar or slice opens its
   drill-through, and charts in content that htmx swapped in are drawn again. */
(function () {
  'use strict';
  var charts = [];

  function palette(dark) {
    return dark ? ['#5cc8ff', '#ffd166', '#06d6a0', '#ef476f', '#b388ff', '#f78c6b']
                : ['#1f5fa8', '#c0392b', '#2e7d32', '#b8860b', '#6a1b9a', '#00838f'];
  }

  function option(spec, dark) {
    var text = dark ? '#e8eef5' : '#1a1a1a';
    var base = {
      color: palette(dark),
      textStyle: { fontFamily: '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif', color: text },
      title: { text: spec.title, left: 'left', textStyle: { fontSize: dark ? 22 : 15, color: text } },
      tooltip: { trigger: spec.type === 'pie' ? 'item' : 'axis' },
      animation: false
    };
    if (spec.type === 'pie') {
      base.legend = { bottom: 0, textStyle: { color: text } };
      base.series = [{ type: 'pie', name: spec.series[0].name, radius: ['35%', '65%'],
        label: { color: text, formatter: '{b}：{c}' },
        data: spec.labels.map(function (l, i) { return { name: l, value: spec.series[0].data[i] }; }) }];
      return base;
    }
    base.legend = { top: 0, right: 0, textStyle: { color: text } };
    base.grid = { left: 8, right: 16, bottom: 8, top: 48, containLabel: true };
    var horizontal = spec.type === 'bar';
    var categories = { type: 'category', data: spec.labels,
      axisLabel: { color: text, width: 150, overflow: 'truncate' } };
    var values = { type: 'value', axisLabel: { color: text } };
    base.xAxis = horizontal ? values : categories;
    base.yAxis = horizontal ? Object.assign(categories, { inverse: true }) : values;
    base.series = spec.series.map(function (s) {
      return { type: spec.type, name: s.name, data: s.data, connectNulls: true,
        label: { show: horizontal, position: 'right', color: text } };
    });
    return base;
  }

  function draw(root) {
    if (typeof echarts === 'undefined') { return; }
    (root || document).querySelectorAll('[data-chart]').forEach(function (el) {
      if (el.dataset.drawn) { return; }
      var spec;
      try { spec = JSON.parse(el.dataset.chart); } catch (e) { return; }
      var dark = el.dataset.theme === 'dark' || document.body.classList.contains('screen');
      if (spec.type === 'bar') { el.classList.add('rows-' + Math.min(12, Math.max(2, spec.labels.length))); }
      var chart = echarts.init(el, null, { renderer: 'canvas' });
      chart.setOption(option(spec, dark));
      chart.on('click', function (p) {
        var link = spec.links && spec.links[p.dataIndex];
        if (link) { window.location.href = link; }
      });
      el.dataset.drawn = 'true';
      el.setAttribute('aria-label', spec.title + '：' + spec.labels.map(function (l, i) {
        return l + ' ' + spec.series.map(function (s) { return s.data[i]; }).join('/');
      }).join('；'));
      charts.push(chart);
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    draw(document);
    document.querySelectorAll('form[data-autosubmit] select').forEach(function (select) {
      select.addEventListener('change', function () { select.form.requestSubmit(); });
    });
  });
  document.addEventListener('htmx:afterSettle', function (e) { draw(e.target); });
  window.addEventListener('resize', function () {
    charts = charts.filter(function (c) { return !c.isDisposed() && document.body.contains(c.getDom()); });
    charts.forEach(function (c) { c.resize(); });
  });
}());
