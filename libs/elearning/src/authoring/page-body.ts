import { Marked, Token, Tokens } from 'marked';
import sanitizeHtml from 'sanitize-html';

/**
 * Page bodies are written in a small subset of Markdown. The source is stored as written; what
 * learners get is marked's HTML passed through an allow-list, so whatever the source holds (raw
 * HTML, a `javascript:` link, an image without alternative text) the stored HTML can only contain
 * the tags below. The same walk over marked's tokens tells the author what was left out, and
 * publishing is refused until the source no longer relies on anything the allow-list removes.
 */
export interface RenderedBody {
  html: string;
  /** What the author must change; each is also something the HTML above silently left out. */
  problems: string[];
}

const SAFE_LINK = /^(https:\/\/[^\s/]+|mailto:[^\s]+@[^\s]+$|tel:[+\d][\d\s()-]*$)/i;
const SAFE_IMAGE = /^https:\/\/[^\s/]+/i;

// A private instance: options set here never leak into another user of the shared `marked` object.
const markdown = new Marked({ gfm: true, breaks: false, async: false });

/** Token types an author may use; anything else is reported and its markup dropped. */
const ALLOWED_TOKENS = new Set([
  'space',
  'paragraph',
  'heading',
  'list',
  'list_item',
  'text',
  'strong',
  'em',
  'link',
  'image',
  'blockquote',
  'br',
  'hr',
  'escape',
  'checkbox',
  'def',
]);

const UNSUPPORTED: Record<string, string> = {
  html: 'Remove the HTML: write the page in Markdown only',
  table: 'Tables cannot be used on a page',
  code: 'Code blocks cannot be used on a page',
  codespan: 'Code cannot be used on a page',
  del: 'Strikethrough cannot be used on a page',
};

const SANITISE: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'h2', 'h3', 'h4', 'ul', 'ol', 'li', 'strong', 'em', 'a', 'blockquote', 'img', 'br', 'hr'],
  allowedAttributes: { a: ['href'], img: ['src', 'alt'], ol: ['start'] },
  allowedSchemes: ['https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['https'] },
  allowProtocolRelative: false,
  // script, style and the like go with their content; every other refused tag leaves its text.
  disallowedTagsMode: 'discard',
  transformTags: {
    // The page title is the only h1 on a page.
    h1: 'h2',
    h5: 'h4',
    h6: 'h4',
    b: 'strong',
    i: 'em',
    // A link that is not https, e-mail or telephone keeps its text and loses the link (span is not allowed).
    a: (tagName, attribs): sanitizeHtml.Tag =>
      SAFE_LINK.test(attribs.href ?? '') ? { tagName, attribs: { href: attribs.href } } : { tagName: 'span', attribs: {} },
  },
  // An image only with an https source and something to say to people who cannot see it.
  exclusiveFilter: (frame) => frame.tag === 'img' && !(SAFE_IMAGE.test(frame.attribs.src ?? '') && (frame.attribs.alt ?? '').trim() !== ''),
};

export function renderPageBody(source: string): RenderedBody {
  const tokens = markdown.lexer(source);
  const problems = new Set<string>();
  // The callback is synchronous, so the results walkTokens collects (for async callbacks) are all undefined.
  void markdown.walkTokens(tokens, (token: Token) => {
    for (const problem of problemsOf(token)) problems.add(problem);
  });
  const html = sanitizeHtml(markdown.parser(tokens), SANITISE).trim();
  return { html, problems: [...problems] };
}

function problemsOf(token: Token): string[] {
  if (!ALLOWED_TOKENS.has(token.type)) return [UNSUPPORTED[token.type] ?? `Remove the ${token.type}: it cannot be used on a page`];
  switch (token.type) {
    case 'heading': {
      const { depth, text } = token as Tokens.Heading;
      return depth >= 2 && depth <= 4 ? [] : [`Make the heading “${text}” level 2, 3 or 4 (## to ####): the page title is the only level 1 heading`];
    }
    case 'link': {
      const { href, text } = token as Tokens.Link;
      return SAFE_LINK.test(href) ? [] : [`Link “${text}” must be an https:, mailto: or tel: address`];
    }
    case 'image': {
      const { href, text } = token as Tokens.Image;
      const problems: string[] = [];
      if (text.trim() === '') problems.push('Give every image alternative text: ![what the image shows](https://…)');
      if (!SAFE_IMAGE.test(href)) problems.push(`Image “${text || href}” must come from an https: address`);
      return problems;
    }
    default:
      return [];
  }
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/**
 * Markdown for a body rendered by renderBlocks() from a content file (escaped text in p, h2 and
 * ul/li), so a draft copied from a seeded version can be edited like any other. Text is escaped
 * so that it renders back to the same words rather than to Markdown it happens to resemble.
 */
export function markdownFromBlocksHtml(html: string): string {
  const blocks: string[] = [];
  const pattern = /\s*(?:<(p|h2)>([\s\S]*?)<\/\1>|<ul>([\s\S]*?)<\/ul>)\s*/y;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(html)) !== null) {
    if (match[1] === 'p') blocks.push(escapeMarkdown(textOf(match[2])));
    else if (match[1] === 'h2') blocks.push(`## ${escapeMarkdown(textOf(match[2]))}`);
    else blocks.push([...match[3].matchAll(/<li>([\s\S]*?)<\/li>/g)].map((li) => `- ${escapeMarkdown(textOf(li[1]))}`).join('\n'));
    if (pattern.lastIndex === html.length) break;
  }
  if (pattern.lastIndex === html.length || html.trim() === '') return blocks.join('\n\n');
  // Not renderBlocks' output after all: keep the words, as paragraphs, rather than guess at markup.
  const text = sanitizeHtml(html.replace(/<\/(p|h\d|li|div|blockquote)>/g, '\n\n'), { allowedTags: [], allowedAttributes: {} });
  return text
    .split(/\n{2,}/)
    .map((p) => escapeMarkdown(textOf(p.trim())))
    .filter(Boolean)
    .join('\n\n');
}

function textOf(html: string): string {
  return html.replace(/&(amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity]);
}

function escapeMarkdown(text: string): string {
  return (
    text
      .replace(/[\\`*_[\]<>~|]/g, '\\$&')
      .replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&')
      // GFM would otherwise turn a web or e-mail address in the text into a link.
      .replace(/(https?|ftp):\/\//gi, '$1\\://')
      .replace(/\bwww\./gi, (www) => `${www.slice(0, 3)}\\.`)
      .replace(/@/g, '\\@')
      .replace(/^([#+-])/, '\\$1')
      .replace(/^(\d{1,9})([.)])/, '$1\\$2')
  );
}
