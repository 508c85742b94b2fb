// The footer comes from the site's settings, fetched at run time (root-relative, as on the site).
const settings = await fetch("/assets/site.json").then((response) => response.json());
const app = document.getElementById("app");
app.innerHTML = "";
const main = document.createElement("main");
main.innerHTML = `<h1>${settings.name}</h1><p>二手车信息发布与交易服务。</p>`;
const footer = document.createElement("footer");
footer.innerHTML =
  `©2026 ${settings.company}　<a href="https://beian.miit.gov.cn/">` +
  `<span>${settings.licence.slice(0, 4)}</span><span>${settings.licence.slice(4)}</span></a>`;
app.append(main, footer);
