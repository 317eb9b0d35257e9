/**
 * Server-side renders of the library components: what they show for a given state, and that
 * scenario text always comes out as text. (Clicks and the clipboard are covered by browser tests.)
 */
import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import LibraryPanel from '../../../src/ui/library/LibraryPanel.svelte';
import ShareButton from '../../../src/ui/library/ShareButton.svelte';
import SharedScenarioBanner from '../../../src/ui/library/SharedScenarioBanner.svelte';
import { LibraryController } from '../../../src/ui/library/library-controller.svelte.ts';
import { MemoryStore } from '../../../src/storage/kv-store.ts';
import { FillableStore, openLibrary } from './helpers.ts';
import { scenarioTitled } from './fixtures.ts';

const HOSTILE = '<img src=x onerror=alert(1)>';

/** The rendered HTML without Svelte's hydration comments. */
function html(rendered: { body: string }): string {
  return rendered.body.replace(/<!--[^>]*-->/g, '');
}

async function panel(
  setup: (controller: LibraryController) => Promise<void> | void,
  store = new MemoryStore(),
) {
  const controller = new LibraryController(await openLibrary(store));
  await setup(controller);
  return html(
    render(LibraryPanel, {
      props: {
        library: controller,
        onshow: () => undefined,
        formatTime: () => 'just now',
      },
    }),
  );
}

describe('LibraryPanel', () => {
  it('lists each scenario with its title and last change, as text', async () => {
    const out = await panel(async (c) => {
      await c.create(scenarioTitled('IAM basics'));
      await c.create(scenarioTitled(HOSTILE));
    });
    expect(out.match(/data-testid="library-item"/g)).toHaveLength(2);
    expect(out).toContain('IAM basics');
    expect(out).toContain('just now');
    expect(out).toContain('&lt;img src=x onerror=alert(1)>');
    expect(out).not.toContain('<img');
  });

  it('offers new, import (file input) and export', async () => {
    const out = await panel(() => undefined);
    expect(out).toContain('data-testid="new-scenario"');
    expect(out).toMatch(/<input[^>]*type="file"[^>]*data-testid="import"/);
    expect(out).toContain('data-testid="export-library"');
    expect(out).toContain('No scenarios yet');
  });

  it('reports a full disk and offers to export what is unsaved', async () => {
    const store = new FillableStore();
    const out = await panel(async (c) => {
      await c.create(scenarioTitled('Big'));
      store.full = true;
      c.edit(c.state.scenarios[0]!.id, scenarioTitled('Bigger'));
      await c.library.flush();
    }, store);
    expect(out).toMatch(/data-testid="storage-problem"[^>]*data-code="quota"/);
    expect(out).toContain('storage is full');
    expect(out).toContain('data-testid="export-unsaved"');
    expect(out).toMatch(/data-status="failed"/);
  });

  it('shows damaged records with an export button', async () => {
    const store = new MemoryStore();
    await store.set('scenario:broken', 'garbage');
    const out = await panel(() => undefined, store);
    expect(out).toContain('data-testid="export-quarantine"');
    expect(out).toContain('1 stored record');
  });

  it('offers undo after a delete', async () => {
    const out = await panel(async (c) => {
      const created = await c.create(scenarioTitled('Gone'));
      if (created.ok) await c.remove(created.value.id);
    });
    expect(out).toContain('data-testid="undo-delete"');
    expect(out).toContain('Deleted “<bdi>Gone</bdi>”');
  });
});

describe('SharedScenarioBanner', () => {
  it('says the scenario is not saved and offers to save it', () => {
    const out = html(
      render(SharedScenarioBanner, { props: { title: HOSTILE, onsave: () => undefined } }),
    );
    expect(out).toContain('Opened from a link — not saved.');
    expect(out).toContain('data-testid="save-shared"');
    expect(out).toContain('Save to my library');
    expect(out).toContain('“<bdi>&lt;img src=x onerror=alert(1)></bdi>”');
  });

  it('shows why a link could not be opened', () => {
    const out = html(
      render(SharedScenarioBanner, { props: { problem: 'This link is damaged <b>x</b>.' } }),
    );
    expect(out).toContain('role="alert"');
    expect(out).toContain('This link is damaged &lt;b>x&lt;/b>.');
  });
});

describe('ShareButton', () => {
  it('renders the share button and no link before it is pressed', () => {
    const out = html(
      render(ShareButton, {
        props: { text: scenarioTitled('x'), pageUrl: 'https://example.org/' },
      }),
    );
    expect(out).toContain('data-testid="share"');
    expect(out).not.toContain('data-testid="share-url"');
  });
});
