// PyTorch extraction: stacks, their order, residuals, loss ties and the idioms models are written in.
import * as assert from 'node:assert/strict';
import { layersOf, parse } from './helpers';

const DCGAN = `import torch
import torch.nn as nn

nc = 3
ndf = 64

class Discriminator(nn.Module):
    def __init__(self, ngpu):
        super(Discriminator, self).__init__()
        self.ngpu = ngpu
        self.main = nn.Sequential(
            # input is (nc) x 64 x 64
            nn.Conv2d(nc, ndf, 4, 2, 1, bias=False),
            nn.LeakyReLU(0.2, inplace=True),
            nn.Conv2d(ndf, ndf * 2, 4, 2, 1, bias=False),
            nn.BatchNorm2d(ndf * 2),
            nn.LeakyReLU(0.2, inplace=True),
            nn.Conv2d(ndf * 2, 1, 4, 1, 0, bias=False),
            nn.Sigmoid()
        )

    def forward(self, input):
        if input.is_cuda and self.ngpu > 1:
            output = nn.parallel.data_parallel(self.main, input, range(self.ngpu))
        else:
            output = self.main(input)
        return output.view(-1, 1).squeeze(1)


netD = Discriminator(ngpu).to(device)
criterion = nn.BCELoss()

for epoch in range(opt.niter):
    for i, data in enumerate(dataloader, 0):
        netD.zero_grad()
        real_cpu = data[0].to(device)
        label = torch.full((real_cpu.size(0),), real_label, device=device)
        output = netD(real_cpu)
        errD_real = criterion(output, label)
        errD_real.backward()
`;

const VAE = `import torch
from torch import nn, optim
from torch.nn import functional as F


class VAE(nn.Module):
    def __init__(self):
        super(VAE, self).__init__()
        self.fc1 = nn.Linear(784, 400)
        self.fc21 = nn.Linear(400, 20)
        self.fc22 = nn.Linear(400, 20)
        self.fc3 = nn.Linear(20, 400)
        self.fc4 = nn.Linear(400, 784)

    def encode(self, x):
        h1 = F.relu(self.fc1(x))
        return self.fc21(h1), self.fc22(h1)

    def reparameterize(self, mu, logvar):
        std = torch.exp(0.5*logvar)
        eps = torch.randn_like(std)
        return mu + eps*std

    def decode(self, z):
        h3 = F.relu(self.fc3(z))
        return torch.sigmoid(self.fc4(h3))

    def forward(self, x):
        mu, logvar = self.encode(x.view(-1, 784))
        z = self.reparameterize(mu, logvar)
        return self.decode(z), mu, logvar


model = VAE().to(device)


def loss_function(recon_x, x, mu, logvar):
    BCE = F.binary_cross_entropy(recon_x, x.view(-1, 784), reduction='sum')
    KLD = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp())
    return BCE + KLD


def train(epoch):
    model.train()
    for batch_idx, (data, _) in enumerate(train_loader):
        data = data.to(device)
        recon_batch, mu, logvar = model(data)
        loss = loss_function(recon_batch, data, mu, logvar)
        loss.backward()
`;

const WORD_LANGUAGE_MODEL = `import torch.nn as nn
import torch.nn.functional as F

class RNNModel(nn.Module):
    def __init__(self, rnn_type, ntoken, ninp, nhid, nlayers, dropout=0.5, tie_weights=False):
        super(RNNModel, self).__init__()
        self.ntoken = ntoken
        self.drop = nn.Dropout(dropout)
        self.encoder = nn.Embedding(ntoken, ninp)
        if rnn_type in ['LSTM', 'GRU']:
            self.rnn = getattr(nn, rnn_type)(ninp, nhid, nlayers, dropout=dropout)
        else:
            try:
                nonlinearity = {'RNN_TANH': 'tanh', 'RNN_RELU': 'relu'}[rnn_type]
            except KeyError as e:
                raise ValueError("An invalid option for --model was supplied") from e
            self.rnn = nn.RNN(ninp, nhid, nlayers, nonlinearity=nonlinearity, dropout=dropout)
        self.decoder = nn.Linear(nhid, ntoken)
        self.init_weights()

    def init_weights(self):
        initrange = 0.1
        nn.init.uniform_(self.encoder.weight, -initrange, initrange)

    def forward(self, input, hidden):
        emb = self.drop(self.encoder(input))
        output, hidden = self.rnn(emb, hidden)
        output = self.drop(output)
        decoded = self.decoder(output)
        decoded = decoded.view(-1, self.ntoken)
        return F.log_softmax(decoded, dim=1), hidden

model = RNNModel(args.model, ntokens, args.emsize, args.nhid, args.nlayers).to(device)
criterion = nn.NLLLoss()

def train():
    hidden = model.init_hidden(args.batch_size)
    for batch, i in enumerate(range(0, train_data.size(0) - 1, args.bptt)):
        data, targets = get_batch(train_data, i)
        output, hidden = model(data, hidden)
        loss = criterion(output, targets)
`;

const TRANSFORMER = `import math
import torch
import torch.nn as nn
from torch.nn import functional as F

class CausalSelfAttention(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.c_attn = nn.Linear(config.n_embd, 3 * config.n_embd)
        self.c_proj = nn.Linear(config.n_embd, config.n_embd)
        self.n_head = config.n_head
        self.n_embd = config.n_embd

    def forward(self, x):
        B, T, C = x.size()
        q, k, v = self.c_attn(x).split(self.n_embd, dim=2)
        q = q.view(B, T, self.n_head, C // self.n_head).transpose(1, 2)
        k = k.view(B, T, self.n_head, C // self.n_head).transpose(1, 2)
        v = v.view(B, T, self.n_head, C // self.n_head).transpose(1, 2)
        att = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(k.size(-1)))
        att = att.masked_fill(self.bias[:, :, :T, :T] == 0, float('-inf'))
        att = F.softmax(att, dim=-1)
        y = att @ v
        y = y.transpose(1, 2).contiguous().view(B, T, C)
        return self.c_proj(y)

class Block(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.ln_1 = nn.LayerNorm(config.n_embd)
        self.attn = CausalSelfAttention(config)
        self.ln_2 = nn.LayerNorm(config.n_embd)
        self.mlp = nn.Sequential(
            nn.Linear(config.n_embd, 4 * config.n_embd),
            nn.GELU(approximate='tanh'),
            nn.Linear(4 * config.n_embd, config.n_embd),
        )

    def forward(self, x):
        x = x + self.attn(self.ln_1(x))
        x = x + self.mlp(self.ln_2(x))
        return x

class GPT(nn.Module):
    def __init__(self, config, n_layer=3):
        super().__init__()
        self.h = nn.ModuleList([Block(config) for _ in range(n_layer)])
        self.ln_f = nn.LayerNorm(config.n_embd)
        self.lm_head = nn.Linear(config.n_embd, config.vocab_size, bias=False)

    def forward(self, x):
        for block in self.h:
            x = block(x)
        return self.lm_head(self.ln_f(x))
`;

describe('PyTorch: DCGAN discriminator', () => {
  const p = parse(DCGAN);

  it('inlines the Sequential the forward applies, in order, with widths and activation parameters', () => {
    const s = p.stack('Discriminator');
    assert.equal(p.model.stacks.length, 1, 'self.main is not a second stack');
    assert.deepEqual(layersOf(s), [
      'conv nn.Conv2d', 'activation nn.LeakyReLU→leaky_relu', 'conv nn.Conv2d', 'normalization nn.BatchNorm2d',
      'activation nn.LeakyReLU→leaky_relu', 'conv nn.Conv2d', 'activation nn.Sigmoid→sigmoid',
    ]);
    assert.deepEqual(s.layers.map((l) => [l.inFeatures, l.units]).filter(([i, u]) => i !== undefined || u !== undefined), [[3, 64], [64, 128], [128, 1]]);
    assert.equal(s.layers[1].activation?.params.negative_slope, 0.2);
    assert.equal(p.at(s.layers[1].range), 'nn.LeakyReLU(0.2, inplace=True)');
    assert.equal(p.at(s.layers[0].range), 'nn.Conv2d(nc, ndf, 4, 2, 1, bias=False)');
    assert.equal(p.at(s.range), 'Discriminator');
    assert.equal(s.framework, 'pytorch');
  });

  it('ties the BCELoss whose input is the output of netD, and names the instance', () => {
    const s = p.stack('Discriminator');
    assert.equal(s.loss?.name, 'nn.BCELoss');
    assert.equal(s.loss?.family, 'bce');
    assert.equal(s.loss?.expects, 'probabilities');
    assert.equal(p.at(s.loss!.range), 'nn.BCELoss()');
    assert.deepEqual(s.aliases, ['netD']);
    assert.ok(!s.residual);
  });
});

describe('PyTorch: VAE', () => {
  const p = parse(VAE);

  it('ends the model stack with the decode method: fc3, relu, fc4, sigmoid', () => {
    const s = p.stack('VAE');
    assert.deepEqual(layersOf(s).slice(-4), ['linear nn.Linear', 'activation F.relu→relu', 'linear nn.Linear', 'activation torch.sigmoid→sigmoid']);
    assert.equal(p.at(s.layers[s.layers.length - 1].range), 'torch.sigmoid(self.fc4(h3))');
    assert.equal(p.at(s.layers[s.layers.length - 2].range), 'nn.Linear(400, 784)');
  });

  it('ties F.binary_cross_entropy through loss_function(recon_batch, ...) to the model output', () => {
    const s = p.stack('VAE');
    assert.equal(s.loss?.name, 'F.binary_cross_entropy');
    assert.equal(s.loss?.expects, 'probabilities');
    assert.deepEqual(p.model.losses.map((l) => l.name), ['F.binary_cross_entropy']);
  });

  it('shows the reparameterisation, where two branches meet, as an opaque step', () => {
    const s = p.stack('VAE');
    const join = s.layers.find((l) => l.kind === 'unknown');
    assert.ok(join);
    assert.equal(p.at(join.range), 'mu + eps*std');
    assert.ok(!s.residual, 'mu + eps*std is not a skip connection');
  });
});

describe('PyTorch: word_language_model RNNModel', () => {
  const p = parse(WORD_LANGUAGE_MODEL);

  it('follows the data through embedding, dropout, the recurrent module, decoder and log_softmax', () => {
    const s = p.stack('RNNModel');
    assert.deepEqual(layersOf(s), [
      'embedding nn.Embedding', 'dropout nn.Dropout', 'unknown self.rnn', 'dropout nn.Dropout', 'linear nn.Linear',
      'activation F.log_softmax→log_softmax',
    ]);
    assert.equal(s.layers[5].activation?.dim, 1);
  });

  it('ties NLLLoss through the tuple the model returns', () => {
    const s = p.stack('RNNModel');
    assert.equal(s.loss?.family, 'nll');
    assert.equal(s.loss?.expects, 'log-probabilities');
    assert.deepEqual(s.aliases, ['model']);
  });
});

describe('PyTorch: transformer blocks', () => {
  const p = parse(TRANSFORMER);

  it('repeats the blocks n_layer times (a default argument) with their skip connections', () => {
    assert.equal(p.model.stacks.length, 1, 'blocks and attention are inside the GPT stack');
    const s = p.stack('GPT');
    assert.equal(s.residual, true);
    assert.equal(s.layers.filter((l) => l.kind === 'residual').length, 6);
    assert.equal(s.layers.filter((l) => l.activation?.id === 'gelu').length, 3);
    assert.equal(s.layers.find((l) => l.activation?.id === 'gelu')?.activation?.params.approximate, 'tanh');
    assert.deepEqual(layersOf(s).slice(-2), ['normalization nn.LayerNorm', 'linear nn.Linear']);
  });

  it('marks the softmax over q @ k as attention, not a layer activation', () => {
    const softmax = p.model.activations.find((a) => a.id === 'softmax');
    assert.equal(softmax?.role, 'attention');
    assert.equal(softmax?.dim, -1);
    const s = p.stack('GPT');
    assert.ok(!s.layers.some((l) => l.activation?.id === 'softmax'));
  });

  it('keeps one block in the stack order: norm, attention projection, skip, norm, MLP, skip', () => {
    const s = p.stack('GPT');
    const firstBlock = layersOf(s).slice(0, s.layers.findIndex((l, i) => l.kind === 'residual' && i > 4) + 1);
    assert.deepEqual(firstBlock, [
      'normalization nn.LayerNorm', 'linear nn.Linear', 'unknown @', 'linear nn.Linear', 'residual +',
      'normalization nn.LayerNorm', 'linear nn.Linear', 'activation nn.GELU→gelu', 'linear nn.Linear', 'residual +',
    ]);
  });
});

describe('PyTorch: containers and loops', () => {
  it('unrolls a ModuleList comprehension over range(n_layers) with its default', () => {
    const p = parse(`import torch
import torch.nn as nn

class DeepTanh(nn.Module):
    def __init__(self, h=32, n_layers=5):
        super().__init__()
        self.inp = nn.Linear(10, h)
        self.layers = nn.ModuleList([nn.Linear(h, h) for _ in range(n_layers)])
        self.out = nn.Linear(h, 1)

    def forward(self, x):
        x = self.inp(x)
        for layer in self.layers:
            x = torch.tanh(layer(x))
        return self.out(x).sigmoid()
`);
    const s = p.stack('DeepTanh');
    assert.equal(s.layers.filter((l) => l.activation?.id === 'tanh').length, 5);
    assert.deepEqual(layersOf(s).slice(0, 3), ['linear nn.Linear', 'linear nn.Linear', 'activation torch.tanh→tanh']);
    assert.deepEqual(layersOf(s).slice(-2), ['linear nn.Linear', 'activation .sigmoid()→sigmoid']);
    assert.equal(s.layers[1].units, 32);
  });

  it('reads nn.Sequential(OrderedDict(...)), add_module, append and imported class names', () => {
    const p = parse(`from collections import OrderedDict
from torch import nn
from torch.nn import Linear, Sigmoid

seq = nn.Sequential(OrderedDict([
    ('fc1', Linear(4, 8)),
    ('act', nn.ReLU()),
    ('fc2', Linear(8, 2)),
]))

net = nn.Sequential()
net.add_module('fc', nn.Linear(3, 3))
net.add_module('act', Sigmoid())
net.append(nn.Linear(3, 1))
`);
    assert.deepEqual(layersOf(p.stack('seq')), ['linear Linear', 'activation nn.ReLU→relu', 'linear Linear']);
    assert.deepEqual(layersOf(p.stack('net')), ['linear nn.Linear', 'activation Sigmoid→sigmoid', 'linear nn.Linear']);
  });

  it('builds layer lists in loops with layers += [...] and nn.Sequential(*layers)', () => {
    const p = parse(`import torch.nn as nn

def make_mlp(sizes=(8, 16, 16, 1)):
    layers = []
    for i in range(len(sizes) - 1):
        layers += [nn.Linear(sizes[i], sizes[i + 1])]
        if i < len(sizes) - 2:
            layers.append(nn.ReLU())
    return nn.Sequential(*layers)
`);
    const s = p.stack('make_mlp');
    assert.deepEqual(layersOf(s), ['linear nn.Linear', 'activation nn.ReLU→relu', 'linear nn.Linear', 'activation nn.ReLU→relu', 'linear nn.Linear']);
    assert.deepEqual(s.layers.filter((l) => l.kind === 'linear').map((l) => [l.inFeatures, l.units]), [[8, 16], [16, 16], [16, 1]]);
  });

  it('marks a ResNet basic block residual at `out += identity`', () => {
    const p = parse(`import torch.nn as nn

class BasicBlock(nn.Module):
    def __init__(self, inplanes, planes, stride=1, downsample=None):
        super().__init__()
        self.conv1 = nn.Conv2d(inplanes, planes, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.relu = nn.ReLU(inplace=True)
        self.conv2 = nn.Conv2d(planes, planes, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.downsample = downsample

    def forward(self, x):
        identity = x
        out = self.conv1(x)
        out = self.bn1(out)
        out = self.relu(out)
        out = self.conv2(out)
        out = self.bn2(out)
        if self.downsample is not None:
            identity = self.downsample(x)
        out += identity
        out = self.relu(out)
        return out
`);
    const s = p.stack('BasicBlock');
    assert.equal(s.residual, true);
    assert.deepEqual(layersOf(s), [
      'conv nn.Conv2d', 'normalization nn.BatchNorm2d', 'activation nn.ReLU→relu', 'conv nn.Conv2d',
      'normalization nn.BatchNorm2d', 'residual +', 'activation nn.ReLU→relu',
    ]);
    assert.equal(p.at(s.layers[5].range), 'out += identity');
  });

  it('still sees a skip connection when the shortcut is a projection the code may or may not apply', () => {
    const p = parse(`import torch.nn as nn
import torch.nn.functional as F

class Block(nn.Module):
    def __init__(self, c, project):
        super().__init__()
        self.conv = nn.Conv2d(c, c, 3, padding=1)
        self.proj = nn.Conv2d(c, c, 1) if project else None

    def forward(self, x):
        shortcut = x
        if self.proj is not None:
            shortcut = self.proj(x)
        return F.relu(self.conv(x) + shortcut)
`);
    const s = p.stack('Block');
    assert.equal(s.residual, true);
    assert.deepEqual(layersOf(s), ['conv nn.Conv2d', 'residual +', 'activation F.relu→relu']);
  });

  it('shows branches merged by torch.cat as one opaque step and keeps what follows', () => {
    const p = parse(`import torch
import torch.nn as nn
import torch.nn.functional as F

class TwoTower(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = nn.Linear(8, 4)
        self.b = nn.Linear(8, 4)
        self.head = nn.Linear(8, 3)

    def forward(self, x):
        y = torch.cat([F.relu(self.a(x)), torch.tanh(self.b(x))], dim=1)
        return F.log_softmax(self.head(y), dim=1)
`);
    assert.deepEqual(layersOf(p.stack('TwoTower')), ['unknown torch.cat', 'linear nn.Linear', 'activation F.log_softmax→log_softmax']);
  });

  it('builds the activation a constructor receives as a class (timm act_layer=nn.GELU)', () => {
    const p = parse(`import torch.nn as nn

class Mlp(nn.Module):
    def __init__(self, in_features=64, hidden_features=256, act_layer=nn.GELU, drop=0.):
        super().__init__()
        self.fc1 = nn.Linear(in_features, hidden_features)
        self.act = act_layer()
        self.fc2 = nn.Linear(hidden_features, in_features)
        self.drop = nn.Dropout(drop)

    def forward(self, x):
        x = self.fc1(x)
        x = self.act(x)
        x = self.drop(x)
        x = self.fc2(x)
        return self.drop(x)
`);
    const s = p.stack('Mlp');
    assert.deepEqual(layersOf(s), ['linear nn.Linear', 'activation act_layer→gelu', 'dropout nn.Dropout', 'linear nn.Linear', 'dropout nn.Dropout']);
    assert.deepEqual([s.layers[0].inFeatures, s.layers[0].units], [64, 256]);
    assert.equal(p.at(s.layers[1].range), 'act_layer()');
  });

  it('uses nn.MultiheadAttention and F.scaled_dot_product_attention as attention layers', () => {
    const p = parse(`import torch.nn as nn
import torch.nn.functional as F

class Enc(nn.Module):
    def __init__(self, d=64):
        super().__init__()
        self.attn = nn.MultiheadAttention(d, 4)
        self.qkv = nn.Linear(d, 3 * d)
        self.ff = nn.Linear(d, d)

    def forward(self, x):
        h, _ = self.attn(x, x, x)
        q, k, v = self.qkv(h).chunk(3, dim=-1)
        y = F.scaled_dot_product_attention(q, k, v)
        return self.ff(y)
`);
    assert.deepEqual(layersOf(p.stack('Enc')), ['attention nn.MultiheadAttention', 'linear nn.Linear', 'attention F.scaled_dot_product_attention', 'linear nn.Linear']);
    assert.equal(p.stack('Enc').layers[0].units, 64);
  });
});

describe('PyTorch: precision where the code does not decide', () => {
  it('gives no stack when the output activation depends on an undecided condition', () => {
    const p = parse(`import torch
import torch.nn as nn

class Head(nn.Module):
    def __init__(self, probabilities):
        super().__init__()
        self.fc = nn.Linear(16, 1)
        self.probabilities = probabilities

    def forward(self, x):
        x = self.fc(x)
        if self.probabilities:
            x = torch.sigmoid(x)
        return x
`);
    assert.deepEqual(p.model.stacks, []);
  });

  it('takes the branch a default argument decides', () => {
    const p = parse(`import torch
import torch.nn as nn

class Head(nn.Module):
    def __init__(self, probabilities=True):
        super().__init__()
        self.fc = nn.Linear(16, 1)
        self.probabilities = probabilities

    def forward(self, x):
        x = self.fc(x)
        if self.probabilities:
            x = torch.sigmoid(x)
        return x
`);
    assert.deepEqual(layersOf(p.stack('Head')), ['linear nn.Linear', 'activation torch.sigmoid→sigmoid']);
  });

  it('restarts a Sequential after a layer appended under an undecided condition', () => {
    const p = parse(`import torch.nn as nn

def build(batchnorm):
    layers = [nn.Linear(4, 8), nn.Sigmoid()]
    if batchnorm:
        layers.append(nn.BatchNorm1d(8))
    layers += [nn.Linear(8, 8), nn.Tanh(), nn.Linear(8, 1)]
    return nn.Sequential(*layers)
`);
    assert.deepEqual(layersOf(p.stack('build')), ['linear nn.Linear', 'activation nn.Tanh→tanh', 'linear nn.Linear']);
  });

  it('does not take a class the file defines, or imports from elsewhere, for nn.Linear', () => {
    const own = parse(`class Linear:
    def __init__(self, a, b):
        pass

model = Sequential(Linear(3, 4), Linear(4, 1))
`);
    assert.deepEqual(own.model.stacks, []);
    const imported = parse(`import torch
from mylib import Linear
import torch.nn as nn
model = nn.Sequential(Linear(3, 4), nn.Sigmoid())
`);
    assert.deepEqual(imported.model.stacks, []);
  });
});

describe('PyTorch: losses', () => {
  it('ties loss_fn(model(x), y), records every loss and what it expects', () => {
    const p = parse(`import torch
import torch.nn as nn
import torch.nn.functional as F

class Classifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(20, 64)
        self.fc2 = nn.Linear(64, 1)

    def forward(self, x):
        x = torch.tanh(self.fc1(x))
        return self.fc2(x)

model = Classifier()
loss_fn = nn.BCEWithLogitsLoss()
ce = nn.CrossEntropyLoss()
mse = F.mse_loss(a, b)
for x, y in loader:
    loss = loss_fn(model(x).squeeze(1), y)
`);
    const s = p.stack('Classifier');
    assert.equal(s.loss?.name, 'nn.BCEWithLogitsLoss');
    assert.equal(s.loss?.expects, 'logits');
    assert.deepEqual(p.model.losses.map((l) => [l.name, l.family, l.expects]), [
      ['nn.BCEWithLogitsLoss', 'bce-logits', 'logits'],
      ['nn.CrossEntropyLoss', 'categorical-ce', 'logits'],
      ['F.mse_loss', 'mse', 'any'],
    ]);
  });

  it('ties a loss to a Sequential it reads directly, and not when something else is applied in between', () => {
    const tied = parse(`import torch
import torch.nn as nn

model = nn.Sequential(nn.Linear(4, 1))
criterion = nn.BCEWithLogitsLoss()
loss = criterion(model(x).squeeze(-1), y)
`);
    assert.equal(tied.stack('model').loss?.name, 'nn.BCEWithLogitsLoss');
    const untied = parse(`import torch
import torch.nn as nn

model = nn.Sequential(nn.Linear(4, 1))
criterion = nn.BCEWithLogitsLoss()
loss = criterion(torch.sigmoid(model(x)), y)
`);
    assert.equal(untied.stack('model').loss, undefined);
    assert.equal(untied.model.losses.length, 1);
  });

  it('follows the model into a training function through its parameter (PyTorch MNIST example)', () => {
    const p = parse(`import torch
import torch.nn as nn
import torch.nn.functional as F

class Net(nn.Module):
    def __init__(self):
        super(Net, self).__init__()
        self.conv1 = nn.Conv2d(1, 32, 3, 1)
        self.dropout1 = nn.Dropout(0.25)
        self.fc1 = nn.Linear(9216, 10)

    def forward(self, x):
        x = F.relu(self.conv1(x))
        x = F.max_pool2d(x, 2)
        x = self.dropout1(x)
        x = torch.flatten(x, 1)
        x = self.fc1(x)
        return F.log_softmax(x, dim=1)

def train(args, model, device, train_loader, optimizer, epoch):
    model.train()
    for batch_idx, (data, target) in enumerate(train_loader):
        output = model(data)
        loss = F.nll_loss(output, target)

def main():
    model = Net().to(device)
    for epoch in range(1, args.epochs + 1):
        train(args, model, device, train_loader, optimizer, epoch)

if __name__ == '__main__':
    main()
`);
    const s = p.stack('Net');
    assert.deepEqual(layersOf(s), [
      'conv nn.Conv2d', 'activation F.relu→relu', 'pooling F.max_pool2d', 'dropout nn.Dropout', 'linear nn.Linear', 'activation F.log_softmax→log_softmax',
    ]);
    assert.equal(s.loss?.name, 'F.nll_loss');
    assert.deepEqual(s.aliases, ['model']);
  });

  it('ties a loss computed inside the training step of a Lightning module', () => {
    const p = parse(`import torch.nn as nn
import torch.nn.functional as F
import pytorch_lightning as pl

class LitClassifier(pl.LightningModule):
    def __init__(self):
        super().__init__()
        self.l1 = nn.Linear(28 * 28, 10)

    def forward(self, x):
        return F.softmax(self.l1(x.view(x.size(0), -1)), dim=1)

    def training_step(self, batch, batch_idx):
        x, y = batch
        y_hat = self(x)
        return F.cross_entropy(y_hat, y)
`);
    const s = p.stack('LitClassifier');
    assert.equal(s.loss?.name, 'F.cross_entropy');
    assert.equal(s.layers[0].inFeatures, 784);
  });
});
