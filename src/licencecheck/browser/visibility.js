// licencecheck: what a rendered page shows. Evaluated in the page by licencecheck.browser.session;
// it measures and reports, and Python (licencecheck.checks.rendered) decides.
//
// collect(): the page's text nodes in runs, as a reader sees lines of words (an element that is
//   not inline ends a run), walking open shadow roots and slotted content as they are rendered.
// measure(m): for one occurrence (first/last text node, UTF-16 offsets), the boxes of its glyphs
//   and, for each element holding part of it, the styles that decide whether it can be seen.
// hideGlyphs(m) / restore(): make the occurrence's glyphs transparent and back, for the pixel test.
// outline(boxes) / clearOutline(): draw the evidence outlines (solid green: visible; dashed red: hidden).
// glyphsMissing(text): the characters no font on the machine can draw.
(() => {
  const SKIPPED = new Set(["script", "style", "template", "noscript", "head", "title", "textarea",
    "select", "option", "datalist", "iframe", "object", "embed", "canvas", "video", "audio"]);

  const parentOf = (node) => node.parentElement
    || (node.parentNode instanceof ShadowRoot ? node.parentNode.host : null);

  const describe = (el) => {
    if (!el) return "the page";
    let text = "<" + el.localName;
    if (el.id) text += " id=\"" + el.id.slice(0, 40) + "\"";
    const classes = typeof el.className === "string" ? el.className.trim() : "";
    if (classes) text += " class=\"" + classes.split(/\s+/).slice(0, 3).join(" ").slice(0, 60) + "\"";
    return text + ">";
  };

  const collect = () => {
    const nodes = [];
    const runs = [];
    let run = [];
    const end = () => { if (run.length) runs.push(run); run = []; };
    const visitChildren = (parent) => {
      for (let child = parent.firstChild; child; child = child.nextSibling) visit(child);
    };
    const visit = (node) => {
      if (node.nodeType === Node.TEXT_NODE) {
        if (node.data) { nodes.push(node); run.push([nodes.length - 1, node.data]); }
        return;
      }
      if (node.nodeType !== Node.ELEMENT_NODE || SKIPPED.has(node.localName)) return;
      const display = getComputedStyle(node).display;
      const breaks = node.localName === "br" || (display !== "inline" && display !== "contents");
      if (breaks) end();
      if (node.localName === "slot") {
        const assigned = node.assignedNodes({ flatten: true });
        if (assigned.length) assigned.forEach(visit); else visitChildren(node);
      } else {
        visitChildren(node.shadowRoot || node);
      }
      if (breaks) end();
    };
    visitChildren(document);
    end();
    window.__licencecheckNodes = nodes;
    return runs;
  };

  const rangeOf = (m) => {
    const nodes = window.__licencecheckNodes;
    const range = document.createRange();
    range.setStart(nodes[m.first], m.start);
    range.setEnd(nodes[m.last], m.end);
    return range;
  };

  const elementsOf = (m) => {
    const nodes = window.__licencecheckNodes.slice(m.first, m.last + 1);
    return [...new Set(nodes.map(parentOf).filter(Boolean))];
  };

  const ancestors = (el) => {
    const chain = [];
    for (let at = el; at; at = parentOf(at)) chain.push(at);
    return chain;  // the element first, the root last
  };

  const alpha = (colour) => {
    const match = /rgba?\(([^)]*)\)/.exec(colour || "");
    if (!match) return 1;
    const parts = match[1].split(/[ ,/]+/).filter(Boolean);
    return parts.length > 3 ? parseFloat(parts[3]) : 1;
  };

  const visibleArea = (box, chain) => {
    // The part of `box` left after every ancestor that clips its overflow (or has `clip`).
    let left = box.left, top = box.top, right = box.right, bottom = box.bottom;
    let clippedBy = null;
    for (const el of chain) {
      if (el === document.documentElement || el === document.body) continue;  // their overflow is the viewport's
      const style = getComputedStyle(el);
      const clips = style.overflowX !== "visible" || style.overflowY !== "visible"
        || (style.clip && style.clip !== "auto");
      if (!clips) continue;
      const r = el.getBoundingClientRect();
      const before = (right - left) * (bottom - top);
      left = Math.max(left, r.left); top = Math.max(top, r.top);
      right = Math.min(right, r.right); bottom = Math.min(bottom, r.bottom);
      if (style.clip && style.clip !== "auto" && /rect\(\s*0(px)?[ ,]+0(px)?[ ,]+0(px)?[ ,]+0(px)?\s*\)/.test(style.clip)) {
        right = left; bottom = top;
      }
      const after = Math.max(0, right - left) * Math.max(0, bottom - top);
      if (after < before && !clippedBy) clippedBy = describe(el) + " (" + (style.clip !== "auto" ? "clip: " + style.clip : "overflow: " + style.overflowX + " " + style.overflowY) + ", a " + Math.round(r.width) + "×" + Math.round(r.height) + " px box)";
    }
    const area = Math.max(0, right - left) * Math.max(0, bottom - top);
    return { area, clippedBy };
  };

  const styles = (el) => {
    const chain = ancestors(el);
    const own = getComputedStyle(el);
    const found = { element: describe(el), display: null, contentVisibility: null, visibility: null,
      opacity: 1, opacityOn: null, effects: [] };
    for (const at of chain) {
      const style = getComputedStyle(at);
      if (style.display === "none") found.display = describe(at) + (at.hasAttribute("hidden") ? " (hidden attribute)" : "");
      if (at !== el && style.contentVisibility === "hidden") found.contentVisibility = describe(at);
      const opacity = parseFloat(style.opacity);
      if (opacity < 1 && (found.opacityOn === null || opacity <= found.opacity)) found.opacityOn = describe(at) + " (opacity: " + style.opacity + ")";
      found.opacity *= opacity;
      for (const [name, none] of [["filter", "none"], ["clipPath", "none"], ["maskImage", "none"], ["mixBlendMode", "normal"]]) {
        if (style[name] && style[name] !== none) found.effects.push(describe(at) + " " + name.replace(/[A-Z]/g, (c) => "-" + c.toLowerCase()) + ": " + style[name]);
      }
    }
    if (own.visibility !== "visible") {
      let top = el;
      while (parentOf(top) && getComputedStyle(parentOf(top)).visibility !== "visible") top = parentOf(top);
      found.visibility = describe(top) + " (visibility: " + own.visibility + ")";
    }
    const box = el.getBoundingClientRect();
    const scale = el.offsetHeight > 0 ? box.height / el.offsetHeight : 1;
    found.fontPx = parseFloat(own.fontSize) * (isFinite(scale) ? scale : 1);
    found.fontWeight = parseInt(own.fontWeight, 10) || 400;
    found.color = own.color;
    found.fill = own.webkitTextFillColor || own.color;
    found.textAlpha = Math.min(alpha(own.color), alpha(found.fill)) * found.opacity;
    found.background = background(chain);
    return found;
  };

  const background = (chain) => {
    for (const at of chain) {
      const style = getComputedStyle(at);
      if (style.backgroundImage && style.backgroundImage !== "none") return "an image on " + describe(at);
      if (alpha(style.backgroundColor) > 0) return style.backgroundColor;
    }
    return "rgb(255, 255, 255)";
  };

  const composedContains = (outer, inner) => {
    for (let at = inner; at; at = parentOf(at)) if (at === outer) return true;
    return false;
  };

  const coveredBy = (rects, elements) => {
    for (const r of rects) {
      const x = r.left + r.width / 2, y = r.top + r.height / 2;
      if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) continue;
      let hit = document.elementFromPoint(x, y);
      while (hit && hit.shadowRoot) {
        const deeper = hit.shadowRoot.elementFromPoint(x, y);
        if (!deeper || deeper === hit) break;
        hit = deeper;
      }
      if (!hit) continue;
      // The text is drawn in its own element, over its ancestors: any other element on top covers it.
      if (!elements.some((el) => composedContains(hit, el))) return describe(hit);
    }
    return null;
  };

  const measure = (m) => {
    const range = rangeOf(m);
    const first = window.__licencecheckNodes[m.first];
    (parentOf(first) || document.body).scrollIntoView({ block: "center", inline: "center" });
    const rects = [...range.getClientRects()].filter((r) => r.width >= 1 && r.height >= 1);
    const elements = elementsOf(m);
    const doc = document.documentElement;
    const page = { width: Math.max(doc.scrollWidth, document.body ? document.body.scrollWidth : 0),
      height: Math.max(doc.scrollHeight, document.body ? document.body.scrollHeight : 0) };
    let area = 0, visible = 0, clippedBy = null;
    const boxes = rects.map((r) => {
      const chain = ancestors(parentOf(first));
      const seen = visibleArea(r, chain);
      area += r.width * r.height; visible += seen.area; clippedBy = clippedBy || seen.clippedBy;
      return { x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: r.height };
    });
    const clip = rects.length ? {
      x: Math.min(...rects.map((r) => r.left)), y: Math.min(...rects.map((r) => r.top)),
      right: Math.max(...rects.map((r) => r.right)), bottom: Math.max(...rects.map((r) => r.bottom)),
    } : null;
    return { boxes, page, clip, area, visible, clippedBy, viewport: { width: innerWidth, height: innerHeight },
      covered: coveredBy(rects, elements), styles: elements.map(styles) };
  };

  let saved = [];
  const hideGlyphs = (m) => {
    const properties = { "color": "transparent", "-webkit-text-fill-color": "transparent",
      "text-shadow": "none", "-webkit-text-stroke-width": "0", "text-decoration-color": "transparent" };
    for (const el of elementsOf(m)) {
      for (const [name, value] of Object.entries(properties)) {
        saved.push([el, name, el.style.getPropertyValue(name), el.style.getPropertyPriority(name)]);
        el.style.setProperty(name, value, "important");
      }
    }
  };
  const restore = () => {
    for (const [el, name, value, priority] of saved.reverse()) {
      if (value) el.style.setProperty(name, value, priority); else el.style.removeProperty(name);
    }
    saved = [];
  };

  const outline = (boxes) => {
    for (const box of boxes) {
      const mark = document.createElement("div");
      mark.setAttribute("data-licencecheck-outline", "");
      const left = Math.max(0, box.x - 4), top = Math.max(0, box.y - 4);  // inside the page, to be seen
      mark.style.cssText = "position:absolute;pointer-events:none;z-index:2147483647;box-sizing:border-box;"
        + "left:" + left + "px;top:" + top + "px;width:" + (box.x + box.width + 4 - left) + "px;height:"
        + (box.y + box.height + 4 - top) + "px;border:3px " + (box.visible ? "solid #008a00" : "dashed #d40000") + ";";
      document.documentElement.appendChild(mark);
    }
  };
  const clearOutline = () => document.querySelectorAll("[data-licencecheck-outline]").forEach((n) => n.remove());

  const glyphsMissing = (text) => {
    // Characters the page's fonts (and the system's) cannot draw: they come out as the same box
    // as a private-use character no font has.
    const canvas = document.createElement("canvas");
    canvas.width = 48; canvas.height = 48;
    const context = canvas.getContext("2d", { willReadFrequently: true });
    const family = (document.body ? getComputedStyle(document.body).fontFamily : "") || "sans-serif";
    const draw = (char) => {
      context.clearRect(0, 0, 48, 48);
      context.font = "36px " + family + ", sans-serif";
      context.fillText(char, 4, 38);
      return context.getImageData(0, 0, 48, 48).data.join(",");
    };
    const box = draw("\u{10FFFD}");
    return [...new Set(text)].filter((char) => char.trim() && char.codePointAt(0) > 0x7f && draw(char) === box);
  };

  window.__licencecheck = { collect, measure, hideGlyphs, restore, outline, clearOutline, glyphsMissing,
    text: () => (document.body ? document.body.innerText : "") };
})();
