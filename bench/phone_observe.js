// Added by bench/phone.py to every page before it loads: collects LCP candidates and layout shifts from the
// start of the page (buffered observers); read back as window.__cbLcp, __cbLcpElement, __cbShifts.
window.__cbLcp = 0; window.__cbLcpElement = ''; window.__cbShifts = [];
new PerformanceObserver(l => { for (const e of l.getEntries()) { window.__cbLcp = e.startTime;
    const el = e.element; window.__cbLcpElement = el ? el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') : ''; } })
  .observe({type: 'largest-contentful-paint', buffered: true});
new PerformanceObserver(l => { for (const e of l.getEntries()) if (!e.hadRecentInput)
    window.__cbShifts.push([e.startTime, e.value]); })
  .observe({type: 'layout-shift', buffered: true});
