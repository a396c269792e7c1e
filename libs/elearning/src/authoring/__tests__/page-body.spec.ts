import { renderBlocks } from '../../content/course-content';
import { UNDERSTANDING_SEXUAL_MISCONDUCT_V1 } from '../../content/understanding-sexual-misconduct.v1';
import { markdownFromBlocksHtml, renderPageBody } from '../page-body';

/** Markup differences that change nothing a reader sees. */
const normalised = (html: string) =>
  html
    .replace(/>\s+</g, '><')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .trim();

const TAGS = new Set(['p', 'h2', 'h3', 'h4', 'ul', 'ol', 'li', 'strong', 'em', 'a', 'blockquote', 'img', 'br', 'hr']);
const ATTRIBUTES = new Set(['href', 'src', 'alt', 'start']);

/** Every tag, attribute or link in the HTML that is not on the allow-list; words in the text are not markup. */
function unsafeMarkup(html: string): string[] {
  const found: string[] = [];
  for (const [, name, attributes] of html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9]*)([^>]*)>/g)) {
    if (!TAGS.has(name.toLowerCase())) found.push(`<${name}>`);
    for (const [, attribute, value] of attributes.matchAll(/([^\s=/]+)(?:="([^"]*)")?/g)) {
      if (!ATTRIBUTES.has(attribute.toLowerCase())) found.push(attribute);
      if ((attribute === 'href' && !/^(https:|mailto:|tel:)/.test(value)) || (attribute === 'src' && !/^https:/.test(value)))
        found.push(`${attribute}=${value}`);
    }
  }
  return found;
}

describe('page bodies: restricted Markdown, rendered and sanitised', () => {
  it('renders the allowed subset', () => {
    const { html, problems } = renderPageBody(
      [
        '## Where to get help',
        'Call **0808 500 2222** or read _more_ at [Rape Crisis](https://rapecrisis.org.uk), [e-mail us](mailto:help@nhs.net) or [call](tel:08085002222).',
        '- one\n- two',
        '1. first\n2. second',
        '> A quote',
        '![A nurse at a ward desk](https://assets.nhs.uk/nurse.png)',
        '### Smaller\n\n#### Smallest\n\n---',
      ].join('\n\n'),
    );
    expect(problems).toEqual([]);
    expect(normalised(html)).toBe(
      normalised(`<h2>Where to get help</h2>
<p>Call <strong>0808 500 2222</strong> or read <em>more</em> at <a href="https://rapecrisis.org.uk">Rape Crisis</a>, <a href="mailto:help@nhs.net">e-mail us</a> or <a href="tel:08085002222">call</a>.</p>
<ul><li>one</li><li>two</li></ul>
<ol><li>first</li><li>second</li></ol>
<blockquote><p>A quote</p></blockquote>
<p><img src="https://assets.nhs.uk/nurse.png" alt="A nurse at a ward desk" /></p>
<h3>Smaller</h3><h4>Smallest</h4><hr />`),
    );
  });

  it('never lets a script, an event handler or a javascript: link through, and says what was removed', () => {
    const { html, problems } = renderPageBody(
      [
        'Hello <script>alert(document.cookie)</script> there.',
        '<img src=x onerror="alert(1)"> <a href="javascript:alert(1)">raw link</a> <iframe src="https://evil.example"></iframe>',
        '[click me](javascript:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=) [relative](/sign-out) [insecure](http://example.com)',
        '![](https://assets.nhs.uk/no-alt.png) ![Insecure picture](http://example.com/a.png)',
        '# A second page title',
        '<p style="color:red" onclick="alert(1)">styled</p>',
      ].join('\n\n'),
    );
    expect(html).not.toMatch(/script|onerror|onclick|javascript:|data:|iframe|style=|http:|href="\//i);
    expect(html).not.toContain('<img');
    expect(html).toContain('click me');
    expect(html).toContain('<h2>A second page title</h2>');
    expect(problems).toEqual(
      expect.arrayContaining([
        'Remove the HTML: write the page in Markdown only',
        'Link “click me” must be an https:, mailto: or tel: address',
        'Link “data” must be an https:, mailto: or tel: address',
        'Link “relative” must be an https:, mailto: or tel: address',
        'Link “insecure” must be an https:, mailto: or tel: address',
        'Give every image alternative text: ![what the image shows](https://…)',
        'Image “Insecure picture” must come from an https: address',
        'Make the heading “A second page title” level 2, 3 or 4 (## to ####): the page title is the only level 1 heading',
      ]),
    );
  });

  it('holds against encoded and disguised attacks', () => {
    const vectors = [
      '[upper](JAVASCRIPT:alert(1))',
      '[encoded](jav&#x61;script:alert(1))',
      '[spaced]( javascript:alert(1))',
      '<a href="jav&#x09;ascript:alert(1)">tab</a>',
      '<svg onload=alert(1)><circle /></svg>',
      '![picture](https://assets.nhs.uk/a.png "title" onerror="alert(1)")',
      '[quote](https://example.com/"onmouseover="alert(1))',
      '<style>body { display: none }</style><iframe srcdoc="<script>alert(1)</script>"></iframe>',
      '<form action="https://evil.example"><input name="password"></form>',
    ];
    expect(unsafeMarkup('<p onclick="x">a <svg></svg><a href="javascript:x">b</a> <img src="http://x" alt="y"></p>')).toEqual([
      'onclick',
      '<svg>',
      '<svg>',
      'href=javascript:x',
      'src=http://x',
    ]);
    for (const source of vectors) {
      const { html } = renderPageBody(source);
      expect({ source, unsafe: unsafeMarkup(html) }).toEqual({ source, unsafe: [] });
    }
  });

  it('refuses tables and code, keeping their words', () => {
    const { html, problems } = renderPageBody('| a | b |\n|---|---|\n| 1 | 2 |\n\nUse `sudo`.');
    expect(html).not.toMatch(/<table|<code/);
    expect(html).toContain('sudo');
    expect(problems).toEqual(['Tables cannot be used on a page', 'Code cannot be used on a page']);
  });

  it('turns every seeded page into Markdown that renders back to the same page', () => {
    for (const module of UNDERSTANDING_SEXUAL_MISCONDUCT_V1.modules) {
      for (const page of module.pages) {
        const html = renderBlocks(page.body);
        const rendered = renderPageBody(markdownFromBlocksHtml(html));
        expect(rendered.problems).toEqual([]);
        expect(normalised(rendered.html)).toBe(normalised(html));
      }
    }
  });

  it('keeps text that looks like Markdown as text', () => {
    const html = renderBlocks([
      { p: '1. Not a list, *not emphasis*, [not a link](https://x.example) & <b>not bold</b> &amp; www.nhs.uk help@nhs.net' },
      { ul: ['# not a heading', '- not nested'] },
      { h2: 'Tom & Jerry' },
    ]);
    const rendered = renderPageBody(markdownFromBlocksHtml(html));
    expect(normalised(rendered.html)).toBe(normalised(html));
  });

  it('keeps the words of HTML that renderBlocks did not make', () => {
    expect(markdownFromBlocksHtml('<div>One</div><p>Two &amp; three</p>')).toBe('One\n\nTwo & three');
  });
});
