/**
 * Text typed into a block while someone else, out of date, changes that
 * block's type or joins it to the one before (server/collab/orphans.ts): the
 * editor binding replaces the block, and without the server's rescue the
 * words typed into the old one are lost on both sides.
 */
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import {
  connectClient,
  sameState,
  waitFor,
  waitSynced,
  type TestClient,
} from '../helpers/clients.ts';
import { addParagraph, fragment, insertText, plainText, retype } from '../helpers/prosemirror.ts';
import { startServer, storedDoc, type TestServer } from '../helpers/server.ts';

/** What y-tiptap does for a selection from `at` in block `first` to `upTo` in block `last`, deleted. */
function deleteAcross(doc: Y.Doc, first: number, at: number, last: number, upTo: number): void {
  const frag = fragment(doc);
  const textOf = (i: number) => (frag.get(i) as Y.XmlElement).get(0) as Y.XmlText;
  const rest = textOf(last).toString().slice(upTo);
  doc.transact(() => {
    const head = textOf(first);
    head.delete(at, head.length - at);
    head.insert(at, rest);
    frag.delete(first + 1, last - first);
  });
}

function names(doc: Y.Doc): string[] {
  return fragment(doc)
    .toArray()
    .map((el) => (el as Y.XmlElement).nodeName);
}

describe('text typed into a block another person replaced', () => {
  let server: TestServer;
  const clients: TestClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await server?.close();
  });

  async function setup(paragraphs: string[]) {
    server = await startServer();
    const briefId = (await server.createBrief('Orphans')).id;
    const ana = connectClient(server.wsUrl, briefId, { cookie: server.cookie });
    const ben = connectClient(server.wsUrl, briefId, { cookie: server.cookie });
    clients.push(ana, ben);
    await Promise.all([waitSynced(ana), waitSynced(ben)]);
    for (const p of paragraphs) addParagraph(ana.doc, p);
    const settled = (expect: (text: string[]) => boolean, message: string) =>
      waitFor(
        async () => {
          const stored = await storedDoc(server.storage, briefId);
          return (
            sameState(stored, ana.doc) && sameState(ana.doc, ben.doc) && expect(plainText(ana.doc))
          );
        },
        { message },
      );
    await settled((t) => t.length === paragraphs.length, 'the paragraphs everywhere');
    return { briefId, ana, ben, settled };
  }

  it('keeps words typed online into a paragraph someone offline made a heading', async () => {
    const { ana, ben, settled } = await setup(['Para one target', 'Para two target']);
    ben.provider.disconnect();
    retype(ben.doc, 0, 'heading');
    insertText(ana.doc, 0, 'Para one'.length, ' ANAWORD');
    await waitFor(() => plainText(ana.doc)[0].includes('ANAWORD'));
    ben.provider.connect();
    await settled((t) => t[0].includes('ANAWORD'), 'the heading to hold the online words');
    expect(names(ana.doc)).toEqual(['heading', 'paragraph']);
    expect(plainText(ana.doc)).toEqual(['Para one ANAWORD target', 'Para two target']);
  });

  it('keeps words typed offline into a paragraph someone online made a heading', async () => {
    const { ana, ben, settled } = await setup(['Para one target', 'Para two target']);
    ben.provider.disconnect();
    insertText(ben.doc, 0, 'Para one target'.length, ' BENWORD');
    retype(ana.doc, 0, 'heading');
    await waitFor(async () => names(ana.doc)[0] === 'heading');
    ben.provider.connect();
    await settled((t) => t[0].includes('BENWORD'), 'the heading to hold the offline words');
    expect(names(ben.doc)).toEqual(['heading', 'paragraph']);
    expect(plainText(ben.doc)).toEqual(['Para one target BENWORD', 'Para two target']);
  });

  it('keeps words typed after or inside a range someone else deleted across paragraphs', async () => {
    const { ana, ben, settled } = await setup([
      'First para alpha',
      'Second para bravo',
      'Third para charlie',
      'Fourth para delta',
    ]);
    ben.provider.disconnect();
    insertText(ben.doc, 1, 'Second para bravo'.length, ' BENINSIDE');
    insertText(ben.doc, 2, 'Third para charlie'.length, ' BENAFTER');
    // Ana selects from "alpha" to just before "charlie" and deletes.
    deleteAcross(ana.doc, 0, 'First para '.length, 2, 'Third para '.length);
    await waitFor(() => plainText(ana.doc).length === 2);
    ben.provider.connect();
    await settled(
      (t) => t.join('|').includes('BENAFTER') && t.join('|').includes('BENINSIDE'),
      'both runs back',
    );
    expect(plainText(ben.doc)).toEqual([
      'First para charlie BENAFTER',
      'BENINSIDE',
      'Fourth para delta',
    ]);
  });

  it('changes nothing when the person who changed the block had seen everything in it', async () => {
    const { briefId, ana, settled } = await setup(['Para one target', 'Para two target']);
    const before = Y.encodeStateVector(await storedDoc(server.storage, briefId));
    retype(ana.doc, 0, 'heading');
    await settled((t) => t[0] === 'Para one target', 'the change everywhere');
    expect(names(ana.doc)).toEqual(['heading', 'paragraph']);
    // Only Ana's own client wrote anything: no rescue update from the server.
    const after = Y.decodeStateVector(
      Y.encodeStateVector(await storedDoc(server.storage, briefId)),
    );
    const writers = [...after.keys()].filter(
      (client) => (after.get(client) ?? 0) > (Y.decodeStateVector(before).get(client) ?? 0),
    );
    expect(writers).toEqual([ana.doc.clientID]);
  });
});
