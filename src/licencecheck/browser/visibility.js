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

  const inFlexRow = (node) => {
    const parent = parentOf(node);
    if (!parent) return false;
    const style = getComputedStyle(parent);
    return style.display.endsWith("flex") && style.flexDirection.startsWith("row") && style.flexWrap === "nowrap";
  };

  const collect = () => {
    const nodes = [];
    const runs = [];
    let run = [];
    const end = () => { if (run.length) runs.push(run); run = []; };
    const visitChildren = (parent) => {
      for (let child = parent.firstChild; child; child = child.nextSibling) visit(child);
    };
    let hiddenDepth = 0;  // inside an element with display: none
    const visit = (node) => {
      if (node.nodeType === Node.TEXT_NODE) {
        if (node.data) { nodes.push(node); run.push([nodes.length - 1, node.data, hiddenDepth > 0]); }
        return;
      }
      if (node.nodeType !== Node.ELEMENT_NODE || SKIPPED.has(node.localName)) return;
      const display = getComputedStyle(node).display;
      // Inline-level boxes (inline-block, inline-flex, …) sit on the line: they do not end a run,
      // nor do the items of a flex row (blockified, but laid side by side).
      const breaks = node.localName === "br" || !(display.startsWith("inline") || display === "contents"
        || display === "none" || inFlexRow(node));
      if (breaks) end();
      if (display === "none") hiddenDepth += 1;
      if (node.localName === "slot") {
        const assigned = node.assignedNodes({ flatten: true });
        if (assigned.length) assigned.forEach(visit); else visitChildren(node);
      } else {
        visitChildren(node.shadowRoot || node);
      }
      if (display === "none") hiddenDepth -= 1;
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

  const inNone = (node) => {
    for (let at = parentOf(node); at; at = parentOf(at)) if (getComputedStyle(at).display === "none") return true;
    return false;
  };

  const elementsOf = (m) => {
    // The elements holding the occurrence's text; for an occurrence read around text that is not
    // displayed (渝B2-2021<span hidden>x</span>0467), only the ones holding what is shown.
    let nodes = window.__licencecheckNodes.slice(m.first, m.last + 1);
    if (m.skipHidden) nodes = nodes.filter((node) => !inNone(node));
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

  const distortion = (at, style) => {
    // How an element's transform or text direction stops its text reading as written, or null.
    if (["bidi-override", "isolate-override"].includes(style.unicodeBidi) && style.direction === "rtl") {
      return describe(at) + " (unicode-bidi: " + style.unicodeBidi + "; direction: rtl): shown reversed";
    }
    if (!style.transform || style.transform === "none") return null;
    const t = new DOMMatrixReadOnly(style.transform);
    const sx = Math.hypot(t.a, t.b), sy = Math.hypot(t.c, t.d);
    const angle = Math.abs(Math.atan2(t.b, t.a) * 180 / Math.PI);
    if (t.a * t.d - t.b * t.c < 0) return describe(at) + " (transform: " + style.transform + "): mirrored";
    if (angle > 20 && angle < 340) return describe(at) + " (transform: " + style.transform + "): rotated " + Math.round(angle) + "°";
    if (sy > 0 && sx / sy < 0.5) return describe(at) + " (transform: " + style.transform + "): squeezed to " + Math.round(100 * sx / sy) + "% of its width";
    return null;
  };

  const styles = (el) => {
    const chain = ancestors(el);
    const own = getComputedStyle(el);
    const found = { element: describe(el), display: null, contentVisibility: null, visibility: null,
      opacity: 1, opacityOn: null, effects: [] };
    found.distorted = null;
    found.closedDetails = null;
    for (const at of chain) {
      const style = getComputedStyle(at);
      found.distorted = found.distorted || distortion(at, style);
      if (at.localName === "details" && !at.open && !chain.some((c) => c.localName === "summary" && c.parentElement === at)) {
        found.closedDetails = describe(at);
      }
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
    found.letterSpacing = parseFloat(own.letterSpacing) || 0;
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

  const scrollsForUser = (style) => ["auto", "scroll"].includes(style.overflowY) || ["auto", "scroll"].includes(style.overflowX);

  const viewportLocked = () => {
    // overflow hidden (or clip) on the root or body reaches the viewport: the reader cannot scroll.
    const locked = (el) => el && ["hidden", "clip"].includes(getComputedStyle(el).overflowY);
    return locked(document.documentElement) || locked(document.body);
  };

  const scrollTo = (range, first) => {
    // As a reader would: scroll the boxes a reader can scroll (overflow auto or scroll), then the
    // page, never a box with overflow hidden (scripts can scroll those; people cannot).
    for (let at = parentOf(first); at; at = parentOf(at)) {
      if (at === document.documentElement || at === document.body) break;
      const style = getComputedStyle(at);
      if (!scrollsForUser(style)) continue;
      const box = at.getBoundingClientRect(), r = range.getBoundingClientRect();
      at.scrollTop += r.top - box.top - box.height / 2 + r.height / 2;
      at.scrollLeft += r.left - box.left - box.width / 2 + r.width / 2;
    }
    if (viewportLocked()) return;
    const r = range.getBoundingClientRect();
    window.scrollTo(scrollX + r.left - innerWidth / 2 + r.width / 2, scrollY + r.top - innerHeight / 2 + r.height / 2);
  };

  const pageSize = () => {
    if (viewportLocked()) return { width: innerWidth, height: innerHeight, locked: true };
    const doc = document.documentElement;
    return { width: Math.max(doc.scrollWidth, document.body ? document.body.scrollWidth : 0),
      height: Math.max(doc.scrollHeight, document.body ? document.body.scrollHeight : 0), locked: false };
  };

  const pieceOrder = (m) => {
    // The pieces of a number split over elements must be drawn left to right on a line.
    const nodes = window.__licencecheckNodes;
    let last = null;
    for (let i = m.first; i <= m.last; i++) {
      const range = document.createRange();
      range.setStart(nodes[i], i === m.first ? m.start : 0);
      range.setEnd(nodes[i], i === m.last ? m.end : nodes[i].length);
      const rects = [...range.getClientRects()].filter((r) => r.width >= 1 && r.height >= 1);
      if (!rects.length) continue;
      const head = rects[0];
      if (last && Math.abs(head.top - last.top) < head.height / 2 && head.left < last.right - head.height / 2) {
        return false;
      }
      last = rects[rects.length - 1];
    }
    return true;
  };

  const generated = (m) => {
    // Letters or digits a stylesheet adds right before or after it (::before, ::after).
    const nodes = window.__licencecheckNodes;
    const sides = [];
    const before = parentOf(nodes[m.first]), after = parentOf(nodes[m.last]);
    if (m.start === 0 && before && before.firstChild === nodes[m.first]) sides.push([before, "::before", /[0-9A-Za-z]"?$/]);
    if (m.end === nodes[m.last].length && after && after.lastChild === nodes[m.last]) sides.push([after, "::after", /^"?[0-9A-Za-z]/]);
    for (const [el, pseudo, joins] of sides) {
      const content = getComputedStyle(el, pseudo).content;
      if (content && content !== "none" && content !== "normal" && joins.test(content)) return describe(el) + pseudo + " content: " + content.slice(0, 40);
    }
    return null;
  };

  const charBoxes = (m) => {
    // The box of each character shown (white space and text not displayed left out), on screen.
    const nodes = window.__licencecheckNodes;
    const boxes = [];
    for (let i = m.first; i <= m.last; i++) {
      if (m.skipHidden && inNone(nodes[i])) continue;
      const text = nodes[i].data;
      let at = i === m.first ? m.start : 0;
      const end = i === m.last ? m.end : text.length;
      while (at < end) {
        const width = text.codePointAt(at) > 0xffff ? 2 : 1;
        const char = text.slice(at, at + width);
        if (char.trim()) {
          const range = document.createRange();
          range.setStart(nodes[i], at);
          range.setEnd(nodes[i], at + width);
          const r = range.getBoundingClientRect();
          boxes.push({ char, x: r.left, y: r.top, width: r.width, height: r.height });
        }
        at += width;
      }
    }
    return boxes;
  };

  const inserted = (m) => {
    // Generated content (::before, ::after) of an element inside the occurrence, which a reader
    // sees in the middle of it.
    const range = rangeOf(m);
    const walker = document.createTreeWalker(range.commonAncestorContainer.nodeType === 1
      ? range.commonAncestorContainer : range.commonAncestorContainer.parentNode, NodeFilter.SHOW_ELEMENT);
    for (let el = walker.currentNode; el; el = walker.nextNode()) {
      if (!range.intersectsNode(el)) continue;
      for (const pseudo of ["::before", "::after"]) {
        const content = getComputedStyle(el, pseudo).content;
        if (content && content !== "none" && content !== "normal" && /[0-9A-Za-z\u4e00-\u9fff]/.test(content)) {
          const before = document.createRange();
          before.selectNodeContents(el);
          if (range.compareBoundaryPoints(Range.START_TO_START, before) < 0 && range.compareBoundaryPoints(Range.END_TO_END, before) > 0) {
            return describe(el) + pseudo + " content: " + content.slice(0, 40);
          }
        }
      }
    }
    return null;
  };

  const frames = () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));

  const measure = async (m) => {
    const range = rangeOf(m);
    const first = window.__licencecheckNodes[m.first];
    scrollTo(range, first);
    await frames();  // content-visibility: auto renders what comes into view on the next frames
    scrollTo(range, first);
    const rects = [...range.getClientRects()].filter((r) => r.width >= 1 && r.height >= 1);
    const elements = elementsOf(m);
    const page = pageSize();
    let area = 0, visible = 0, clippedBy = null;
    const boxes = rects.map((r) => {
      const chain = ancestors(parentOf(first));
      const seen = visibleArea(r, chain);
      area += r.width * r.height; visible += seen.area; clippedBy = clippedBy || seen.clippedBy;
      return { x: r.left + (page.locked ? 0 : scrollX), y: r.top + (page.locked ? 0 : scrollY), width: r.width, height: r.height };
    });
    const clip = rects.length ? {
      x: Math.min(...rects.map((r) => r.left)), y: Math.min(...rects.map((r) => r.top)),
      right: Math.max(...rects.map((r) => r.right)), bottom: Math.max(...rects.map((r) => r.bottom)),
    } : null;
    return { boxes, page, clip, area, visible, clippedBy, viewport: { width: innerWidth, height: innerHeight },
      covered: coveredBy(rects, elements), styles: elements.map(styles), inOrder: pieceOrder(m),
      generated: generated(m) || inserted(m), text: range.toString(), chars: charBoxes(m),
      security: elements.map((el) => getComputedStyle(el).webkitTextSecurity).find((v) => v && v !== "none") || null,
      textTransform: elements.map((el) => getComputedStyle(el).textTransform).find((v) => v && v !== "none") || null };
  };

  const reference = (m, fontPx) => {
    // The same text drawn plainly (black on white, same font, size as drawn) at the top left of
    // the screen, for the share of its ink that the page lets through.
    const el = parentOf(window.__licencecheckNodes[m.first]);
    const style = getComputedStyle(el);
    const mark = document.createElement("div");
    mark.setAttribute("data-licencecheck-reference", "");
    mark.textContent = charBoxes(m).map((c) => c.char).join("");
    mark.style.cssText = "position:fixed;left:0;top:0;z-index:2147483647;margin:0;padding:2px;border:0;"
      + "background:#fff;color:#000;white-space:pre;line-height:normal;letter-spacing:normal;transform:none;"
      + "font-family:" + style.fontFamily + ";font-weight:" + style.fontWeight + ";font-style:" + style.fontStyle
      + ";font-size:" + fontPx + "px;";
    document.documentElement.appendChild(mark);
    const r = mark.getBoundingClientRect();
    const text = mark.firstChild, chars = [];
    for (let at = 0; text && at < text.length;) {
      const width = text.data.codePointAt(at) > 0xffff ? 2 : 1;
      const char = text.data.slice(at, at + width);
      if (char.trim()) {
        const range = document.createRange();
        range.setStart(text, at);
        range.setEnd(text, at + width);
        const c = range.getBoundingClientRect();
        chars.push({ char, x: c.left, y: c.top, width: c.width, height: c.height });
      }
      at += width;
    }
    return { x: r.left, y: r.top, width: Math.min(r.width, innerWidth), height: Math.min(r.height, innerHeight), chars };
  };
  const clearReference = () => document.querySelectorAll("[data-licencecheck-reference]").forEach((n) => n.remove());

  let saved = [];
  const hideGlyphs = (m) => {
    const own = elementsOf(m);
    for (const el of own) {
      // Other text inside these elements (a ■ pulled over a digit) keeps its colour: only the
      // occurrence's glyphs go.
      for (const other of el.querySelectorAll("*")) {
        if (own.includes(other)) continue;
        const style = getComputedStyle(other);
        for (const [name, value] of [["color", style.color], ["-webkit-text-fill-color", style.webkitTextFillColor]]) {
          saved.push([other, name, other.style.getPropertyValue(name), other.style.getPropertyPriority(name)]);
          other.style.setProperty(name, value, "important");
        }
      }
    }
    for (const el of own) {
      // Decorations (underline, strike-through) stay as drawn: only the glyphs go.
      const properties = { "text-decoration-color": getComputedStyle(el).textDecorationColor,
        "color": "transparent", "-webkit-text-fill-color": "transparent", "text-shadow": "none",
        "-webkit-text-stroke-width": "0", "fill": "transparent", "stroke": "transparent" };
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
    reference, clearReference,
    text: () => (document.body ? document.body.innerText : "") };
})();
