// Keras / tf.keras extraction: Sequential, model.add, the functional API, subclassed models,
// compile losses, recurrent layers, and which Keras the file targets.
import * as assert from 'node:assert/strict';
import { kerasVersion } from '../../server/parse/python/kerasVersion';
import { layersOf, parse } from './helpers';

const MNIST_MLP = `from tensorflow import keras
from tensorflow.keras.models import Sequential
from tensorflow.keras.layers import Dense, Dropout, Activation
from tensorflow.keras.optimizers import RMSprop

model = Sequential()
model.add(Dense(512, activation='relu', input_shape=(784,)))
model.add(Dropout(0.2))
model.add(Dense(512, activation=tf.nn.relu))
model.add(Dropout(0.2))
model.add(Dense(10, activation=None))
model.add(Activation('softmax'))

model.compile(loss='categorical_crossentropy', optimizer=RMSprop(), metrics=['accuracy'])
`;

const FUNCTIONAL = `import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

inputs = keras.Input(shape=(784,), name="digits")
x = layers.Dense(64, activation="relu", name="dense_1")(inputs)
x = layers.Dense(64, activation=keras.activations.relu, name="dense_2")(x)
outputs = layers.Dense(10, name="predictions")(x)

model = keras.Model(inputs=inputs, outputs=outputs)
model.compile(
    optimizer=keras.optimizers.RMSprop(),
    loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
    metrics=[keras.metrics.SparseCategoricalAccuracy()],
)
`;

const SUBCLASSED = `import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

class MyModel(keras.Model):
    def __init__(self, units=32):
        super().__init__()
        self.dense1 = layers.Dense(units, activation=my_activation)
        self.leaky = layers.LeakyReLU(alpha=0.1)
        self.dropout = layers.Dropout(0.5)
        self.dense2 = layers.Dense(1, activation="sigmoid")

    def call(self, inputs, training=False):
        x = self.leaky(self.dense1(inputs))
        if training:
            x = self.dropout(x, training=training)
        return self.dense2(x)

model = MyModel()
model.compile(optimizer="adam", loss=keras.losses.BinaryCrossentropy(from_logits=True))
`;

describe('Keras: Sequential built with model.add', () => {
  const p = parse(MNIST_MLP);

  it('lists the layers with their fused activations, widths and activation= arguments', () => {
    const s = p.stack('model');
    assert.deepEqual(layersOf(s), [
      'linear Dense→relu', 'dropout Dropout', 'linear Dense→relu', 'dropout Dropout', 'linear Dense', 'activation Activation→softmax',
    ]);
    assert.deepEqual(s.layers.filter((l) => l.kind === 'linear').map((l) => l.units), [512, 512, 10]);
    assert.equal(p.at(s.layers[0].activationArgRange!), "activation='relu'");
    assert.equal(p.at(s.layers[0].activation!.range), "'relu'");
    assert.equal(s.layers[2].activation?.framework, 'tensorflow');
    assert.equal(s.layers[2].activation?.form, 'callable');
    assert.equal(s.layers[4].activation, undefined, 'activation=None: no activation');
    assert.equal(p.at(s.layers[4].activationArgRange!), 'activation=None');
    assert.equal(p.at(s.layers[5].range), "Activation('softmax')");
    assert.equal(s.framework, 'keras');
  });

  it('ties the compiled loss, a string that reads probabilities', () => {
    const loss = p.stack('model').loss;
    assert.equal(loss?.family, 'categorical-ce');
    assert.equal(loss?.expects, 'probabilities');
    assert.equal(loss?.fromLogits, undefined);
    assert.equal(p.at(loss!.range), "'categorical_crossentropy'");
  });
});

describe('Keras: functional API', () => {
  const p = parse(FUNCTIONAL);

  it('follows x = Dense(...)(x) chains from Input to the outputs passed to Model', () => {
    const s = p.stack('model');
    assert.deepEqual(layersOf(s), ['linear layers.Dense→relu', 'linear layers.Dense→relu', 'linear layers.Dense']);
    assert.equal(p.at(s.range), 'keras.Model(inputs=inputs, outputs=outputs)');
    assert.equal(s.layers[1].activation?.form, 'callable');
    assert.equal(s.layers[1].activation?.framework, 'keras');
  });

  it('ties a loss object with from_logits=True as reading logits', () => {
    const loss = p.stack('model').loss;
    assert.equal(loss?.family, 'sparse-categorical-ce');
    assert.equal(loss?.expects, 'logits');
    assert.equal(loss?.fromLogits, true);
  });

  it('marks layers.Add of a flow and its transform as a skip connection', () => {
    const q = parse(`from tensorflow.keras import layers, Model, Input
inp = Input(shape=(32,))
h = layers.Dense(32, activation="relu")(inp)
y = layers.Dense(32)(h)
out = layers.Add()([h, y])
out = layers.Activation("relu")(out)
model = Model(inp, out)
`);
    const s = q.stack('model');
    assert.equal(s.residual, true);
    assert.deepEqual(layersOf(s), ['linear layers.Dense→relu', 'linear layers.Dense', 'residual layers.Add', 'activation layers.Activation→relu']);
  });
});

describe('Keras: models built in functions', () => {
  it('names a functional model after the function returning it and unrolls a loop over a default', () => {
    const p = parse(`import tensorflow as tf

def build(n_hidden=2, act="relu"):
    inputs = tf.keras.Input(shape=(16,))
    x = inputs
    for _ in range(n_hidden):
        x = tf.keras.layers.Dense(32, activation=act)(x)
    outputs = tf.keras.layers.Dense(1, activation="sigmoid")(x)
    return tf.keras.Model(inputs, outputs)

m = build()
m.compile(optimizer="adam", loss="binary_crossentropy")
`);
    const s = p.stack('build');
    assert.deepEqual(layersOf(s), ['linear tf.keras.layers.Dense→relu', 'linear tf.keras.layers.Dense→relu', 'linear tf.keras.layers.Dense→sigmoid']);
    assert.equal(p.at(s.layers[0].activation!.range), '"relu"', 'the string default reaching activation= is the use');
    assert.equal(s.loss?.family, 'bce');
  });

  it('reads TF1 tf.layers calls and ties tf.nn.sigmoid_cross_entropy_with_logits through logits=', () => {
    const p = parse(`import tensorflow as tf

def model_fn(features):
    net = tf.layers.dense(features, 128, activation=tf.nn.relu)
    net = tf.layers.dropout(net, rate=0.5)
    return tf.layers.dense(net, 10)

loss = tf.nn.sigmoid_cross_entropy_with_logits(labels=y, logits=model_fn(x))
`);
    const s = p.stack('model_fn');
    assert.deepEqual(layersOf(s), ['linear tf.layers.dense→relu', 'dropout tf.layers.dropout', 'linear tf.layers.dense']);
    assert.deepEqual(s.layers.map((l) => l.units), [128, undefined, 10]);
    assert.equal(s.loss?.family, 'bce-logits');
  });
});

describe('Keras: subclassed keras.Model', () => {
  const p = parse(SUBCLASSED);

  it('orders the layers call() applies; an activation it cannot resolve is an opaque step', () => {
    const s = p.stack('MyModel');
    assert.deepEqual(layersOf(s), ['linear layers.Dense', 'unknown my_activation', 'activation layers.LeakyReLU→leaky_relu', 'linear layers.Dense→sigmoid']);
    assert.equal(s.layers[2].activation?.params.negative_slope, 0.1);
    assert.equal(s.layers[0].units, 32);
    assert.equal(p.at(s.layers[0].activationArgRange!), 'activation=my_activation');
  });

  it('ties compile(loss=...) on the instance to the class', () => {
    const s = p.stack('MyModel');
    assert.equal(s.loss?.name, 'keras.losses.BinaryCrossentropy');
    assert.equal(s.loss?.expects, 'logits');
    assert.deepEqual(s.aliases, ['model']);
  });
});

describe('Keras: layer kinds', () => {
  it('classifies convolution, pooling, reshape, normalization, embedding, attention and recurrent layers', () => {
    const p = parse(`import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(100,)),
    layers.Embedding(10000, 64),
    layers.MultiHeadAttention(num_heads=2, key_dim=32),
    layers.Conv1D(32, 3, activation="relu"),
    layers.BatchNormalization(),
    layers.MaxPooling1D(2),
    layers.Bidirectional(layers.LSTM(16, activation="tanh", recurrent_activation="sigmoid")),
    layers.GRU(8, return_sequences=False),
    layers.Flatten(),
    layers.Reshape((8,)),
    layers.Dense(1, activation="sigmoid"),
])
`);
    assert.deepEqual(layersOf(p.stack('model')), [
      'embedding layers.Embedding', 'attention layers.MultiHeadAttention', 'conv layers.Conv1D→relu', 'normalization layers.BatchNormalization',
      'pooling layers.MaxPooling1D', 'recurrent layers.LSTM', 'recurrent layers.GRU', 'reshape layers.Flatten', 'reshape layers.Reshape',
      'linear layers.Dense→sigmoid',
    ]);
    assert.equal(p.stack('model').layers[0].units, 64);
  });

  it('records a recurrent layer\'s activation strings, the gates as gating, without attaching them to the layer', () => {
    const p = parse(`from tensorflow.keras.layers import LSTM
lstm = LSTM(64, activation="relu", recurrent_activation="hard_sigmoid")
`);
    assert.deepEqual(p.model.activations.map((a) => [a.id, a.spelling, !!a.gating]), [
      ['relu', '"relu"', false],
      ['keras2.hard_sigmoid', '"hard_sigmoid"', true],
    ]);
  });

  it('reads activation layers: LeakyReLU defaults and arguments, ReLU(max_value=6), Softmax(axis), PReLU, ELU', () => {
    const p = parse(`import tensorflow as tf
from tensorflow.keras import layers
a = layers.LeakyReLU()
b = layers.LeakyReLU(0.2)
c = layers.ReLU(max_value=6)
d = layers.Softmax(axis=1)
e = layers.PReLU()
f = layers.ELU(alpha=0.5)
g = layers.Dense(4, activation='linear')
`);
    assert.deepEqual(p.model.activations.map((a) => [a.id, a.params, a.dim]), [
      ['leaky_relu', { negative_slope: 0.3 }, undefined],
      ['leaky_relu', { negative_slope: 0.2 }, undefined],
      ['relu6', {}, undefined],
      ['softmax', {}, 1],
      ['prelu', { weight: 0 }, undefined],
      ['elu', { alpha: 0.5 }, undefined],
      ['identity', {}, undefined],
    ]);
  });
});

describe('Keras: compile', () => {
  it('lists a loss whose from_logits is computed but does not tie it: what it reads is unknown', () => {
    const p = parse(`import tensorflow as tf
model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(loss=tf.keras.losses.BinaryCrossentropy(from_logits=FLAGS.logits))
`);
    assert.equal(p.stack('model').loss, undefined);
    assert.deepEqual(p.model.losses.map((l) => [l.family, l.expects, l.fromLogits]), [['bce', 'any', undefined]]);
  });

  it('reads the positional loss of compile(optimizer, loss) and loss functions passed uncalled', () => {
    const p = parse(`from tensorflow import keras
m1 = keras.Sequential([keras.layers.Dense(3, activation="softmax")])
m1.compile("adam", "sparse_categorical_crossentropy")
m2 = keras.Sequential([keras.layers.Dense(1)])
m2.compile(optimizer="sgd", loss=keras.losses.mean_squared_error)
`);
    assert.equal(p.stack('m1').loss?.family, 'sparse-categorical-ce');
    assert.equal(p.stack('m2').loss?.family, 'mse');
    assert.equal(p.at(p.stack('m2').loss!.range), 'keras.losses.mean_squared_error');
  });

  it('reads the prediction from y_pred (second argument) of a Keras loss object called in a custom loop', () => {
    const p = parse(`import tensorflow as tf
model = tf.keras.Sequential([tf.keras.layers.Dense(10)])
loss_fn = tf.keras.losses.CategoricalCrossentropy(from_logits=True)
with tf.GradientTape() as tape:
    logits = model(x_batch, training=True)
    loss_value = loss_fn(y_batch, logits)
`);
    assert.equal(p.stack('model').loss?.expects, 'logits');
  });
});

describe('Keras: code without imports and shadowed names', () => {
  it('recognises model.add(Dense(...)) in a snippet with no imports', () => {
    const p = parse(`model = Sequential()
model.add(Dense(64, input_dim=20, activation='relu'))
model.add(Dense(1, activation='sigmoid'))
model.compile(loss='binary_crossentropy', optimizer='adam')
`);
    assert.deepEqual(layersOf(p.stack('model')), ['linear Dense→relu', 'linear Dense→sigmoid']);
    assert.equal(p.stack('model').loss?.family, 'bce');
  });

  it('lets an import or a class of the file named Dense win over the idiom', () => {
    for (const src of [
      `from mylib import Dense\nmodel = Sequential()\nmodel.add(Dense(64, activation='relu'))\nmodel.add(Dense(1, activation='sigmoid'))\n`,
      `class Dense:\n    def __init__(self, n, activation=None):\n        self.n = n\n\nmodel = Sequential([Dense(64, activation='relu'), Dense(1, activation='sigmoid')])\n`,
    ]) {
      const p = parse(src);
      assert.deepEqual(p.model.stacks, [], src);
      assert.deepEqual(p.model.activations, [], src);
    }
  });
});

describe('Keras version', () => {
  const hardSigmoid = (src: string) => parse(src).model.activations.find((a) => a.spelling.includes('hard_sigmoid'))?.id;

  it('reads tf.keras as Keras 2 and standalone keras as Keras 3, unless it uses Keras 1/2 spellings', () => {
    assert.equal(hardSigmoid(`import tensorflow as tf\nl = tf.keras.layers.Dense(1, activation="hard_sigmoid")\n`), 'keras2.hard_sigmoid');
    assert.equal(hardSigmoid(`from tensorflow import keras\nl = keras.layers.Dense(1, activation="hard_sigmoid")\n`), 'keras2.hard_sigmoid');
    assert.equal(hardSigmoid(`import keras\nl = keras.layers.Dense(1, activation="hard_sigmoid")\n`), 'hardsigmoid');
    assert.equal(hardSigmoid(`from keras.layers import Dense\nl = Dense(1, activation="hard_sigmoid")\n`), 'hardsigmoid');
    assert.equal(hardSigmoid(`from keras.layers import Dense\nl = Dense(output_dim=1, init="uniform", activation="hard_sigmoid")\n`), 'keras2.hard_sigmoid');
    assert.equal(hardSigmoid(`from keras.layers.core import Dense\nl = Dense(1, activation="hard_sigmoid")\n`), 'keras2.hard_sigmoid');
    assert.equal(hardSigmoid(`l = tf.keras.layers.Dense(1, activation="hard_sigmoid")\n`), 'keras2.hard_sigmoid');
  });

  it('decides from the evidence in one function', () => {
    const none = { importPaths: [], tensorflowUsed: false, legacySpelling: false };
    assert.equal(kerasVersion(none), undefined);
    assert.equal(kerasVersion({ ...none, importPaths: ['keras', 'keras.layers.Dense'] }), 3);
    assert.equal(kerasVersion({ ...none, importPaths: ['keras', 'tensorflow'] }), 2);
    assert.equal(kerasVersion({ ...none, importPaths: ['keras.utils.np_utils'] }), 2);
    assert.equal(kerasVersion({ ...none, importPaths: ['keras'], legacySpelling: true }), 2);
    assert.equal(kerasVersion({ ...none, tensorflowUsed: true }), 2);
  });
});
