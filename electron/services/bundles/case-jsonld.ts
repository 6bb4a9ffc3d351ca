import { createHash } from 'node:crypto';
import type { ManifestSource } from '../../../shared/domain/bundle';
import type { ArtifactFacts } from './manifest';

/*
 * case.jsonld: the bundle's facts as CASE/UCO 1.x JSON-LD (https://caseontology.org), for tools that read CASE.
 * Files are `uco-observable:File` objects with a FileFacet and a ContentDataFacet holding their hashes; each source
 * has a provenance record; the ingest of each source and this export are investigative actions performed by the
 * examiner with the workbench as instrument; tags, notes and region annotations are `uco-core:Annotation`s.
 * Every node has an @id (facets and hashes too) so that nothing is a blank node, and every reference points at a
 * node of this graph. Identifiers derive from the case id, so the same case exports the same ids.
 */

export const CASE_CONTEXT = {
  kb: 'urn:evidence-workbench:',
  'case-investigation': 'https://ontology.caseontology.org/case/investigation/',
  'uco-action': 'https://ontology.unifiedcyberontology.org/uco/action/',
  'uco-core': 'https://ontology.unifiedcyberontology.org/uco/core/',
  'uco-identity': 'https://ontology.unifiedcyberontology.org/uco/identity/',
  'uco-observable': 'https://ontology.unifiedcyberontology.org/uco/observable/',
  'uco-tool': 'https://ontology.unifiedcyberontology.org/uco/tool/',
  'uco-types': 'https://ontology.unifiedcyberontology.org/uco/types/',
  'uco-vocabulary': 'https://ontology.unifiedcyberontology.org/uco/vocabulary/',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
} as const;

type Node = Record<string, unknown> & { '@id': string; '@type': string };

export interface CaseGraphInput {
  caseId: string;
  caseName: string;
  caseDescription: string;
  caseExaminer: string;
  exportId: string;
  exportedAt: string;
  exportedBy: string;
  toolName: string;
  toolVersion: string;
  selection: string;
  sources: readonly ManifestSource[];
  ingests: ReadonlyMap<number, { startedAt: string; finishedAt: string | null }>;
}

const dateTime = (value: string): { '@type': string; '@value': string } => ({ '@type': 'xsd:dateTime', '@value': value });
const integer = (value: number): { '@type': string; '@value': number } => ({ '@type': 'xsd:integer', '@value': value });
const ref = (id: string): { '@id': string } => ({ '@id': id });

export class CaseGraph {
  private readonly prefix: string;
  private readonly people = new Map<string, string>();
  private readonly containers = new Set<string>();

  constructor(private readonly input: CaseGraphInput) {
    this.prefix = `kb:${input.caseId}-`;
  }

  private id(kind: string, key: string | number): string {
    return `${this.prefix}${kind}-${key}`;
  }

  /** A stable short key for a string (a path, a name) that is safe inside an IRI. */
  private key(text: string): string {
    return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 16);
  }

  fileId(artifactId: number): string {
    return this.id('file', artifactId);
  }

  private person(name: string, out: Node[]): string {
    let id = this.people.get(name);
    if (!id) {
      id = this.id('person', this.key(name));
      this.people.set(name, id);
      out.push({ '@id': id, '@type': 'uco-identity:Person', 'uco-core:name': name });
    }
    return id;
  }

  /** The investigation, the tool, the examiners, one provenance record and one ingest action per source. */
  head(): Node[] {
    const i = this.input;
    const out: Node[] = [
      {
        '@id': this.id('tool', 'workbench'),
        '@type': 'uco-tool:Tool',
        'uco-core:name': i.toolName,
        'uco-tool:toolType': 'forensic workbench',
        'uco-tool:version': i.toolVersion,
      },
    ];
    const examiner = this.person(i.caseExaminer, out);
    for (const s of i.sources) {
      const sourceNode = this.id('source', s.id);
      out.push({
        '@id': sourceNode,
        '@type': 'uco-observable:File',
        'uco-core:name': s.path,
        'uco-core:hasFacet': [
          {
            '@id': this.id('source-file-facet', s.id),
            '@type': 'uco-observable:FileFacet',
            'uco-observable:filePath': s.path,
            'uco-observable:isDirectory': s.kind === 'folder',
          },
        ],
      });
      const span = i.ingests.get(s.id);
      out.push({
        '@id': this.id('ingest', s.id),
        '@type': 'case-investigation:InvestigativeAction',
        'uco-core:name': 'ingest',
        'uco-core:description': `Evidence ${s.kind} read read-only: every file hashed (SHA-256, SHA-1, MD5), typed and its metadata and text extracted`,
        'uco-action:startTime': dateTime(span?.startedAt ?? s.addedAt),
        ...(span?.finishedAt ? { 'uco-action:endTime': dateTime(span.finishedAt) } : {}),
        'uco-action:performer': ref(examiner),
        'uco-action:instrument': ref(this.id('tool', 'workbench')),
        'uco-action:object': [ref(sourceNode)],
        'uco-action:result': [ref(this.id('provenance', s.id))],
      });
    }
    return out;
  }

  /** The file node of one artifact, its container link, and an annotation per tag, note and marked region. */
  artifact(f: ArtifactFacts): Node[] {
    const a = f.row;
    const out: Node[] = [];
    const fileId = this.fileId(a.id);
    const hashes = (['sha256', 'sha1', 'md5'] as const)
      .filter((h) => a[h])
      .map((h) => ({
        '@id': this.id(`${h}`, a.id),
        '@type': 'uco-types:Hash',
        'uco-types:hashMethod': { '@type': 'uco-vocabulary:HashNameVocab', '@value': h.toUpperCase() },
        'uco-types:hashValue': { '@type': 'xsd:hexBinary', '@value': a[h] },
      }));
    const dot = a.name.lastIndexOf('.');
    const fileFacet: Record<string, unknown> = {
      '@id': this.id('file-facet', a.id),
      '@type': 'uco-observable:FileFacet',
      'uco-observable:fileName': a.name,
      'uco-observable:filePath': a.path,
      'uco-observable:isDirectory': a.kind === 'directory',
    };
    if (dot > 0) fileFacet['uco-observable:extension'] = a.name.slice(dot + 1);
    if (a.size !== null) fileFacet['uco-observable:sizeInBytes'] = integer(a.size);
    if (a.mtime?.endsWith('Z')) fileFacet['uco-observable:modifiedTime'] = dateTime(a.mtime);
    if (a.atime?.endsWith('Z')) fileFacet['uco-observable:accessedTime'] = dateTime(a.atime);
    if (a.ctime?.endsWith('Z')) fileFacet['uco-observable:metadataChangeTime'] = dateTime(a.ctime);
    if (a.birthtime?.endsWith('Z')) fileFacet['uco-observable:observableCreatedTime'] = dateTime(a.birthtime);
    const facets: Record<string, unknown>[] = [fileFacet];
    if (hashes.length || a.mime) {
      facets.push({
        '@id': this.id('content-facet', a.id),
        '@type': 'uco-observable:ContentDataFacet',
        ...(a.mime ? { 'uco-observable:mimeType': a.mime } : {}),
        ...(a.size !== null ? { 'uco-observable:sizeInBytes': integer(a.size) } : {}),
        ...(hashes.length ? { 'uco-observable:hash': hashes } : {}),
      });
    }
    out.push({ '@id': fileId, '@type': 'uco-observable:File', 'uco-core:name': a.name, 'uco-core:hasFacet': facets });

    const cut = a.path.indexOf('!/');
    if (cut > 0) {
      // The archive on disk holding a member; a node of its own when the archive itself is not in the bundle.
      const archivePath = a.path.slice(0, cut);
      const container = this.id('archive', this.key(`${a.sourceId}:${archivePath}`));
      if (!this.containers.has(container)) {
        this.containers.add(container);
        out.push({
          '@id': container,
          '@type': 'uco-observable:File',
          'uco-core:name': archivePath,
          'uco-core:hasFacet': [
            { '@id': `${container}-facet`, '@type': 'uco-observable:FileFacet', 'uco-observable:filePath': archivePath },
          ],
        });
      }
      out.push({
        '@id': this.id('contained', a.id),
        '@type': 'uco-observable:ObservableRelationship',
        'uco-core:source': ref(fileId),
        'uco-core:target': ref(container),
        'uco-core:kindOfRelationship': 'Contained_Within',
        'uco-core:isDirectional': true,
      });
    }

    for (const t of f.tags) {
      out.push({
        '@id': this.id('tag', t.id),
        '@type': 'uco-core:Annotation',
        'uco-core:name': `${t.productionTitle}: ${t.status}`,
        'uco-core:statement': t.rationale || `Tagged to ${t.productionTitle} (${t.status}, ${t.confidence} confidence)`,
        'uco-core:tag': [`production:${t.productionId}`, `status:${t.status}`, `confidence:${t.confidence}`],
        'uco-core:object': [ref(fileId)],
        'uco-core:createdBy': ref(this.person(t.examiner, out)),
        'uco-core:objectCreatedTime': dateTime(t.createdAt),
      });
    }
    for (const n of f.notes) {
      out.push({
        '@id': this.id('note', n.id),
        '@type': 'uco-core:Annotation',
        'uco-core:statement': n.body,
        'uco-core:tag': ['note'],
        'uco-core:object': [ref(fileId)],
        'uco-core:createdBy': ref(this.person(n.examiner, out)),
        'uco-core:objectCreatedTime': dateTime(n.createdAt),
      });
    }
    for (const r of f.annotations) {
      const where = `${r.page ? `page ${r.page}, ` : ''}region x=${r.x} y=${r.y} width=${r.width} height=${r.height}`;
      out.push({
        '@id': this.id('region', r.id),
        '@type': 'uco-core:Annotation',
        'uco-core:statement': r.note ? `${where}: ${r.note}` : where,
        'uco-core:tag': ['region'],
        'uco-core:object': [ref(fileId)],
        'uco-core:createdBy': ref(this.person(r.examiner, out)),
        'uco-core:objectCreatedTime': dateTime(r.createdAt),
      });
    }
    return out;
  }

  /** Provenance records listing each source's files, the export action, and the investigation tying it together. */
  tail(fileIdsBySource: ReadonlyMap<number, number[]>): Node[] {
    const i = this.input;
    const out: Node[] = [];
    for (const s of i.sources) {
      out.push({
        '@id': this.id('provenance', s.id),
        '@type': 'case-investigation:ProvenanceRecord',
        'case-investigation:exhibitNumber': `${i.caseName} / source ${s.id}`,
        'uco-core:description': `Files inventoried from ${s.path}`,
        'uco-core:object': (fileIdsBySource.get(s.id) ?? []).map((id) => ref(this.fileId(id))),
      });
    }
    const exporter = this.person(i.exportedBy, out);
    out.push({
      '@id': this.id('export', i.exportId),
      '@type': 'case-investigation:InvestigativeAction',
      'uco-core:name': 'export',
      'uco-core:description': `Case bundle export (${i.selection}); every file of the bundle is listed with its SHA-256 in SHA256SUMS`,
      'uco-action:startTime': dateTime(i.exportedAt),
      'uco-action:performer': ref(exporter),
      'uco-action:instrument': ref(this.id('tool', 'workbench')),
      'uco-action:object': i.sources.map((s) => ref(this.id('provenance', s.id))),
    });
    const everything = [
      ...i.sources.flatMap((s) => [this.id('source', s.id), this.id('ingest', s.id), this.id('provenance', s.id)]),
      this.id('export', i.exportId),
      this.id('tool', 'workbench'),
    ];
    out.push({
      '@id': this.id('investigation', 'case'),
      '@type': 'case-investigation:Investigation',
      'uco-core:name': i.caseName,
      ...(i.caseDescription ? { 'uco-core:description': i.caseDescription } : {}),
      'uco-core:object': everything.map(ref),
    });
    return out;
  }
}

/** The document, written node by node: `{"@context": …, "@graph": [` … `]}`. */
export async function* caseJsonLd(graph: CaseGraph, facts: Iterable<ArtifactFacts>): AsyncGenerator<string> {
  yield `{\n"@context": ${JSON.stringify(CASE_CONTEXT, null, 2)},\n"@graph": [\n`;
  let first = true;
  const emit = (nodes: Node[]): string => {
    const text = nodes.map((n) => JSON.stringify(n)).join(',\n');
    if (!text) return '';
    const out = `${first ? '' : ',\n'}${text}`;
    first = false;
    return out;
  };
  yield emit(graph.head());
  const bySource = new Map<number, number[]>();
  let n = 0;
  for (const f of facts) {
    const list = bySource.get(f.row.sourceId) ?? [];
    list.push(f.row.id);
    bySource.set(f.row.sourceId, list);
    yield emit(graph.artifact(f));
    // Let other work run between slices of a large case.
    if (++n % 500 === 0) await new Promise((r) => setImmediate(r));
  }
  yield emit(graph.tail(bySource));
  yield '\n]\n}\n';
}
