#!/usr/bin/env python3
"""Moves recurrent models between PyTorch and Unroll, both ways. Run by hand (needs torch and numpy;
the build never runs it).

Unroll stores weights as safetensors under PyTorch's state_dict names, so a torch.nn model whose
attributes are named as below has exactly Unroll's layout:

    embedding  nn.Embedding(V, E)              EMBEDDING inputs only: embedding.weight [V, E]
    rnn        nn.LSTM / nn.GRU / nn.RNN       time-major (batch_first=False), every layer alike:
                                               rnn.weight_ih_l{k}[_reverse], rnn.weight_hh_l{k}..., rnn.bias_ih_l{k}..., rnn.bias_hh_l{k}...
    h0, c0     nn.Parameter [L*D, H]           initialState = LEARNED only (c0 for LSTMs), row k*D + d
    head       nn.Linear(D*H, O)               head.weight [O, D*H], head.bias [O]

Commands:

    to-unroll MODEL.pt OUT.safetensors
        MODEL.pt is torch.save(model.state_dict()) of such a model (or of UnrollModule); writes it as
        Unroll loads it (float32, the same names); Unroll checks names and shapes when it loads.
    to-torch WEIGHTS.safetensors CARD.json OUT.pt [--head-state cell]
        Builds the matching torch.nn model (UnrollModule) from Unroll's model card (XNet.card.json
        beside XNet.safetensors), loads the weights strictly and saves torch.save(model.state_dict()).
    check WEIGHTS.safetensors CARD.json
        Loads Unroll's weights into torch, writes them back and checks every tensor survives unchanged.

As a library: UnrollModule(architecture), load_unroll(weights, card) -> module,
save_unroll(module_or_state_dict, path). UnrollModule.forward(x, lengths=None) computes what an
Unroll network computes: time-major input ([T, B, I] floats or [T, B] int64 symbols), padded
sequences through pack_padded_sequence, a many-to-one head reading the forward state after the
last real step and the reverse state after step 0; it returns the logits (before the activation).

Peephole LSTMs (rnn.weight_peephole_l{k}) and stacks whose layers differ in cell, units or
direction have no single torch.nn module: to-torch refuses them, naming the layer.
"""
import argparse
import json
import struct
import sys

import numpy as np
import torch
from torch import nn

_DTYPES = {"F32": np.float32, "F64": np.float64, "I64": np.int64, "I32": np.int32}


def read_safetensors(path):
    """The tensors of a safetensors file as {name: torch.Tensor}."""
    with open(path, "rb") as f:
        data = f.read()
    (header_len,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + header_len])
    base = 8 + header_len
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        if info["dtype"] not in _DTYPES:
            raise ValueError(f"{path}: tensor {name} has dtype {info['dtype']}, expected one of {list(_DTYPES)}")
        begin, end = info["data_offsets"]
        array = np.frombuffer(data[base + begin:base + end], dtype=np.dtype(_DTYPES[info["dtype"]]).newbyteorder("<"))
        tensors[name] = torch.from_numpy(array.reshape(info["shape"]).copy())
    return tensors


def write_safetensors(tensors, path, metadata=None):
    """Writes {name: tensor} as float32 safetensors, sorted by name, each tensor 8-byte aligned."""
    header = {"__metadata__": dict(metadata or {"format": "pt"})}
    blobs = []
    offset = 0
    for name in sorted(tensors):
        array = tensors[name].detach().cpu().to(torch.float32).contiguous().numpy().astype("<f4")
        blob = array.tobytes()
        header[name] = {"dtype": "F32", "shape": list(array.shape), "data_offsets": [offset, offset + len(blob)]}
        blobs.append(blob)
        offset += len(blob)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for blob in blobs:
            f.write(blob)


class UnrollModule(nn.Module):
    """The torch.nn model of an Unroll architecture (the "architecture" object of a model card)."""

    def __init__(self, architecture, head_state="hidden"):
        super().__init__()
        name = architecture.get("name", "model")
        # The second-generation kinds have no torch.nn module: see the README's table of their names.
        if architecture.get("kind") == "encoder-decoder":
            raise ValueError(f"{name}: an encoder-decoder has no torch.nn module; declare encoder, decoder, bridge,"
                             f" attention and head as the README's Interchange section lists")
        if architecture.get("initialState") == "CONDITIONED":
            raise ValueError(f"{name}: a CONDITIONED initial state has no torch.nn module; add init (and init_cell)"
                             f" as the README's Interchange section lists")
        layers = architecture["layers"]
        for k, layer in enumerate(layers):
            if layer.get("layerNorm"):
                raise ValueError(f"{name}: layer {k} is layer-normalised, which torch.nn's recurrent modules"
                                 f" cannot compute; see the README's Interchange section for its parameters")
        first = layers[0]
        for k, layer in enumerate(layers):
            if layer["cell"] == "LSTM_PEEPHOLE":
                raise ValueError(f"{name}: layer {k} is LSTM_PEEPHOLE, which torch.nn has no module for")
            for key in ("cell", "units", "bidirectional"):
                if layer[key] != first[key]:
                    raise ValueError(f"{name}: layer {k} has {key} {layer[key]}, layer 0 {first[key]}: one torch.nn"
                                     f" module holds a stack of equal layers only")
        inputs = architecture["input"]
        self.kind = inputs["kind"]
        width = inputs["size"]
        if self.kind == "EMBEDDING":
            self.embedding = nn.Embedding(inputs["size"], inputs["embeddingSize"])
            width = inputs["embeddingSize"]
        self.cell = first["cell"]
        self.symbols = inputs["size"]
        args = dict(input_size=width, hidden_size=first["units"], num_layers=len(layers),
                    bidirectional=first["bidirectional"])
        if self.cell == "LSTM":
            self.rnn = nn.LSTM(**args)
        elif self.cell == "GRU":
            self.rnn = nn.GRU(**args)
        else:
            self.rnn = nn.RNN(nonlinearity="relu" if self.cell == "RNN_RELU" else "tanh", **args)
        self.directions = 2 if first["bidirectional"] else 1
        rows = len(layers) * self.directions
        if architecture.get("initialState") == "LEARNED":
            self.h0 = nn.Parameter(torch.zeros(rows, first["units"]))
            if self.cell == "LSTM":
                self.c0 = nn.Parameter(torch.zeros(rows, first["units"]))
        head = architecture["head"]
        self.many_to_one = head["mode"] == "MANY_TO_ONE"
        self.head_state = head_state
        self.head = nn.Linear(self.directions * first["units"], head["size"])

    def forward(self, x, lengths=None):
        """Logits for time-major x; lengths (int64 [B]) marks padded sequences."""
        if self.kind == "ONE_HOT":
            x = nn.functional.one_hot(x, self.symbols).to(torch.float32)
        elif self.kind == "EMBEDDING":
            x = self.embedding(x)
        batch = x.shape[1]
        state = None
        if hasattr(self, "h0"):
            h0 = self.h0.unsqueeze(1).expand(-1, batch, -1).contiguous()
            state = (h0, self.c0.unsqueeze(1).expand(-1, batch, -1).contiguous()) if self.cell == "LSTM" else h0
        steps = x.shape[0]
        if lengths is not None:
            packed = nn.utils.rnn.pack_padded_sequence(x, lengths.cpu(), enforce_sorted=False)
            out, final = self.rnn(packed, state)
            out, _ = nn.utils.rnn.pad_packed_sequence(out, total_length=steps)
        else:
            out, final = self.rnn(x, state)
        if not self.many_to_one:
            return self.head(out)
        h_n, c_n = final if self.cell == "LSTM" else (final, None)
        end = c_n if self.head_state == "cell" else h_n
        top = end[-self.directions:]                     # [D, B, H]: forward, then reverse
        return self.head(torch.cat(list(top), dim=-1))


def load_unroll(weights_path, card_path, head_state="hidden"):
    """The torch.nn model of an Unroll model, with its weights loaded strictly."""
    with open(card_path, encoding="utf-8") as f:
        card = json.load(f)
    module = UnrollModule(card["architecture"], head_state)
    state = read_safetensors(weights_path)
    expected = module.state_dict()
    missing = sorted(set(expected) - set(state))
    unexpected = sorted(set(state) - set(expected))
    if missing or unexpected:
        raise ValueError(f"{weights_path}: missing {missing}, unexpected {unexpected} for the model the card describes")
    module.load_state_dict({k: v.to(torch.float32) for k, v in state.items()}, strict=True)
    return module


def save_unroll(module_or_state_dict, path):
    """Writes a model's (or a state_dict's) parameters as Unroll loads them."""
    state = module_or_state_dict.state_dict() if isinstance(module_or_state_dict, nn.Module) else module_or_state_dict
    write_safetensors(dict(state), path)


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    to_unroll = commands.add_parser("to-unroll", help="torch state_dict (.pt) -> Unroll safetensors")
    to_unroll.add_argument("state_dict")
    to_unroll.add_argument("out")
    to_torch = commands.add_parser("to-torch", help="Unroll safetensors + card -> torch state_dict (.pt)")
    to_torch.add_argument("weights")
    to_torch.add_argument("card")
    to_torch.add_argument("out")
    to_torch.add_argument("--head-state", choices=["hidden", "cell"], default="hidden")
    check = commands.add_parser("check", help="round-trip Unroll weights through torch")
    check.add_argument("weights")
    check.add_argument("card")
    args = parser.parse_args(argv)
    if args.command == "to-unroll":
        save_unroll(torch.load(args.state_dict, map_location="cpu"), args.out)
        print(f"wrote {args.out}")
    elif args.command == "to-torch":
        module = load_unroll(args.weights, args.card, args.head_state)
        torch.save(module.state_dict(), args.out)
        print(f"wrote {args.out}: {type(module.rnn).__name__} {module.rnn}")
    else:
        module = load_unroll(args.weights, args.card)
        original = read_safetensors(args.weights)
        for name, tensor in module.state_dict().items():
            if not torch.equal(tensor, original[name].to(torch.float32)):
                raise SystemExit(f"{name} changed on the way through torch")
        print(f"{len(original)} tensors load into {type(module.rnn).__name__} and come back unchanged")


if __name__ == "__main__":
    main(sys.argv[1:])
