import { describe, expect, it } from 'vitest';
import { decodeXmlEntities, parseXml, type XmlEvent, xmlEvents } from './xml';

const events = (xml: string): string[] =>
  [...xmlEvents(parseXml(xml).nodes)].map((e: XmlEvent) =>
    e.kind === 'text'
      ? `"${e.text}"`
      : `${e.kind === 'open' ? '<' : '</'}${e.element.name}${e.kind === 'open' && Object.keys(e.element.attrs).length ? ` ${JSON.stringify(e.element.attrs)}` : ''}>`,
  );

describe('decodeXmlEntities', () => {
  it('decodes the five predefined entities and character references, nothing else', () => {
    expect(decodeXmlEntities('a &lt;b&gt; &amp;amp; &#x539F;&#30011; &#xD55C;&#44544; &quot;&apos; &nbsp; &lol;')).toBe(
      'a <b> &amp; 原画 한글 "\' &nbsp; &lol;',
    );
  });

  it('drops references to code points that cannot exist', () => {
    expect(decodeXmlEntities('[&#0;][&#x110000;]')).toBe('[][]');
  });
});

describe('parseXml', () => {
  it('keeps elements, attributes and text in document order, whitespace included', () => {
    expect(events('<?xml version="1.0"?><w:p a="1"><w:t xml:space="preserve"> 中 </w:t><w:br/>\n<![CDATA[<raw>&amp;]]></w:p>')).toEqual([
      '<w:p {"a":"1"}>',
      '<w:t {"xml:space":"preserve"}>',
      '" 中 "',
      '</w:t>',
      '<w:br>',
      '</w:br>',
      '"\n"',
      '"<raw>&amp;"',
      '</w:p>',
    ]);
  });

  it('decodes numeric character references in text and attribute values (CJK text depends on it)', () => {
    const doc = parseXml('\uFEFF<t v="&#x4E2D;&#xAD6D;">&#x4E2D;&#54620; &lt;&amp;&gt;</t>');
    expect(doc.warnings).toEqual([]);
    expect(doc.nodes).toEqual([{ name: 't', attrs: { v: '中국' }, children: ['中한 <&>'] }]);
  });

  it('never expands the entities of a DOCTYPE (billion laughs) and says so', () => {
    const levels = ['<!ENTITY l0 "lol">'];
    for (let i = 1; i < 10; i++) levels.push(`<!ENTITY l${i} "${`&l${i - 1};`.repeat(10)}">`);
    const doc = parseXml(`<?xml version="1.0"?><!DOCTYPE lolz [${levels.join('')}]><lolz>&l9;&l0;</lolz>`);
    expect(doc.nodes).toEqual([{ name: 'lolz', attrs: {}, children: ['&l9;&l0;'] }]);
    expect(doc.warnings).toEqual(['document type declaration ignored: its entities are not expanded']);
  });

  it('refuses external entities with a readable error', () => {
    expect(() => parseXml('<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><d>&x;</d>')).toThrow(/external entit/i);
  });

  it('refuses runaway nesting and prototype-polluting names with an error', () => {
    expect(() => parseXml(`${'<a>'.repeat(500)}${'</a>'.repeat(500)}`)).toThrow(/nested/i);
    expect(() => parseXml('<a __proto__="x"/>')).toThrow(/__proto__/);
  });
});
