// TF.js and config documents through the analysis driver: the dispatch by language id and
// extension, inline suppressions in each comment syntax, and no Python fixes on their findings.
import * as assert from 'node:assert/strict';
import { analyze } from '../../../server/analysis/analyze';

const MODEL = `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
model.add(tf.layers.dense({inputShape: [4], units: 8, activation: 'relu'}));
model.add(tf.layers.dense({units: 3, activation: 'softmax'}));
model.compile({optimizer: 'adam', loss: tf.losses.softmaxCrossEntropy});
`;

const codes = (text: string, path: string, languageId?: string) => analyze({ text, path, languageId }).findings.map((f) => `${f.code}@${f.range.start.line + 1}`);

describe('analysis of TF.js and config documents', () => {
  it('dispatches by language id, and by extension when the editor gives none the table knows', () => {
    assert.deepEqual(codes(MODEL, 'model.ts'), ['ACT011@4']);
    assert.deepEqual(codes(MODEL, 'untitled:Untitled-1', 'typescript'), ['ACT011@4']);
    assert.deepEqual(codes(MODEL, 'model.mjs'), ['ACT011@4']);
    const cfg = '[net]\n[connected]\noutput=8\n[connected]\noutput=8\n[connected]\noutput=8\n[connected]\noutput=2\nactivation=linear\n';
    assert.deepEqual(codes(cfg, 'mlp.cfg', 'properties'), ['ACT001@2'], 'on the first [connected], whose default activation is logistic');
    assert.deepEqual(codes(cfg, 'mlp.ini', 'ini'), [], 'no parser claims .ini');
  });

  it('honours // suppressions in TF.js, and not # ones', () => {
    const line4 = MODEL.split('\n')[3];
    assert.deepEqual(codes(MODEL.replace(line4, `${line4} // activation-lens: ignore[ACT011]`), 'model.ts'), []);
    assert.deepEqual(codes(MODEL.replace(line4, `${line4} # activation-lens: ignore[ACT011]`), 'model.js'), ['ACT011@4']);
    assert.deepEqual(codes(`// activation-lens: ignore-file\n${MODEL}`, 'model.ts'), []);
  });

  it('honours # suppressions in YAML, and the settings in JSON', () => {
    const yaml = 'layers:\n  - {type: Dense, units: 2}\n  - {type: Dense, units: 2, activation: relu}\n';
    assert.deepEqual(codes(yaml, 'net.yaml'), ['ACT020@2']);
    assert.deepEqual(codes(yaml.replace('units: 2}\n', 'units: 2}  # activation-lens: ignore[ACT020]\n'), 'net.yaml'), []);
    const json = JSON.stringify({ class_name: 'Sequential', config: { layers: [{ class_name: 'Dense', config: { units: 4 } }, { class_name: 'Dense', config: { units: 4, activation: 'relu' } }] } });
    assert.deepEqual(codes(json, 'model.json'), ['ACT020@1']);
    assert.deepEqual(analyze({ text: json, path: 'model.json' }, { ignore: ['ACT020'] }).findings, []);
  });

  it('offers no fix on TF.js and config findings: fixes are Python edits', () => {
    const { findings } = analyze({ text: MODEL, path: 'model.ts' });
    assert.equal(findings.length, 1);
    assert.equal('fix' in findings[0], false);
  });
});
