import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

/**
 * The Universal Sentence Encoder lite's network written out as an ONNX graph for one sentence,
 * from the weights of its TensorFlow.js graph. It is that graph's arithmetic without its batching
 * and padding bookkeeping (≈ 200 of its 256 kernels), so one sentence runs in a few native matrix
 * products instead of ~20 ms of WebAssembly. Input `x`: the token embeddings with the timing signal
 * added, [tokens, 256] (see `native-model.ts`); output `y`: the pooled sentence vector before its
 * L2 normalisation, [1, 512].
 *
 * The TensorFlow graph, read node by node: two pre-norm transformer layers (4 heads; 256 → 512
 * wide, the first layer's residual widened by a dense layer), mean over tokens, tanh layer.
 */
export function buildUseLiteGraph(tensors: ReadonlyMap<string, Float32Array>): Uint8Array {
  const nodes: onnxProto.onnx.INodeProto[] = [];
  const initializers: onnxProto.onnx.ITensorProto[] = [];
  let counter = 0;
  const fresh = (hint: string) => `${hint}_${(counter += 1)}`;

  const weight = (tfName: string, dims: number[]) => {
    const values = tensors.get(tfName);
    if (!values) throw new Error(`The packaged model has no tensor ${tfName}.`);
    const name = fresh('w');
    initializers.push({ name, dims, dataType: onnx.TensorProto.DataType.FLOAT, rawData: new Uint8Array(values.buffer, values.byteOffset, values.byteLength) });
    return name;
  };
  const constant = (values: number[], dataType: number) => {
    const name = fresh('c');
    const raw = dataType === onnx.TensorProto.DataType.INT64 ? new BigInt64Array(values.map(BigInt)) : new Float32Array(values);
    initializers.push({ name, dims: [values.length], dataType, rawData: new Uint8Array(raw.buffer) });
    return name;
  };
  const shape = (...dims: number[]) => constant(dims, onnx.TensorProto.DataType.INT64);
  const scalar = (value: number) => constant([value], onnx.TensorProto.DataType.FLOAT);
  const op = (opType: string, inputs: string[], attribute: onnxProto.onnx.IAttributeProto[] = [], outputs = 1) => {
    const names = Array.from({ length: outputs }, () => fresh(opType));
    nodes.push({ opType, input: inputs, output: names, attribute });
    return names;
  };
  const one = (opType: string, inputs: string[], attribute: onnxProto.onnx.IAttributeProto[] = []) => op(opType, inputs, attribute)[0] ?? '';
  const ints = (name: string, values: number[]) => ({ name, ints: values, type: onnx.AttributeProto.AttributeType.INTS });
  const intAttr = (name: string, value: number) => ({ name, i: value, type: onnx.AttributeProto.AttributeType.INT });
  const floatAttr = (name: string, value: number) => ({ name, f: value, type: onnx.AttributeProto.AttributeType.FLOAT });

  const encode = 'module_apply_default/Encoder_en/KonaTransformer/Encode/';
  const dense = (input: string, kernel: string, bias: string, inWidth: number, outWidth: number) =>
    one('Add', [one('MatMul', [input, weight(kernel, [inWidth, outWidth])]), weight(bias, [outWidth])]);
  const layerNorm = (input: string, prefix: string, width: number) =>
    one('LayerNormalization', [input, weight(`${prefix}layer_norm_scale/ConcatPartitions/concat`, [width]), weight(`${prefix}layer_norm_bias/ConcatPartitions/concat`, [width])], [intAttr('axis', -1), floatAttr('epsilon', 1e-6)]);

  const transformerLayer = (input: string, layer: number, inWidth: number, width: number) => {
    const own = `${encode}Layer_${layer}/TransformerLayer/`;
    const kernels = `module/Encoder_en/KonaTransformer/Encode/Layer_${layer}/TransformerLayer/MultiheadAttention/`;
    const stacked = `${encode}TransformerStack/Layer_${layer}/TransformerLayer/`;
    const heads = 4;
    const headWidth = inWidth / heads;
    const normed = layerNorm(input, `${own}layer_prepostprocess/layer_norm/`, inWidth);
    const residual = inWidth === width ? input : dense(input, `${own}dense/kernel/ConcatPartitions/concat`, `${own}dense/bias/ConcatPartitions/concat`, inWidth, width);
    const qkv = dense(normed, `${kernels}qkv_transform_single/kernel/part_0`, `${own}MultiheadAttention/qkv_transform_single/bias/ConcatPartitions/concat`, inWidth, 3 * inWidth);
    const [query = '', key = '', value = ''] = op('Split', [qkv, shape(inWidth, inWidth, inWidth)], [intAttr('axis', 1)], 3);
    const byHead = (tensor: string, perm: number[]) => one('Transpose', [one('Reshape', [tensor, shape(-1, heads, headWidth)])], [ints('perm', perm)]);
    const scaledQuery = one('Mul', [byHead(query, [1, 0, 2]), scalar(1 / Math.sqrt(headWidth))]);
    const weights = one('Softmax', [one('MatMul', [scaledQuery, byHead(key, [1, 2, 0])])], [intAttr('axis', -1)]);
    const attended = one('Reshape', [one('Transpose', [one('MatMul', [weights, byHead(value, [1, 0, 2])])], [ints('perm', [1, 0, 2])]), shape(-1, inWidth)]);
    const afterAttention = one('Add', [dense(attended, `${kernels}output_transform_single/kernel/part_0`, `${own}MultiheadAttention/output_transform_single/bias/ConcatPartitions/concat`, inWidth, width), residual]);
    const normedAgain = layerNorm(afterAttention, `${own}FFN/layer_prepostprocess/layer_norm/`, width);
    const hidden = one('Relu', [dense(normedAgain, `${stacked}FFN/conv1/Tensordot/Reshape_1`, `${own}FFN/conv1/bias/ConcatPartitions/concat`, width, 1536)]);
    return one('Add', [dense(hidden, `${stacked}FFN/conv2/Tensordot/Reshape_1`, `${own}FFN/conv2/bias/ConcatPartitions/concat`, 1536, width), afterAttention]);
  };

  const first = transformerLayer('x', 0, 256, 512);
  const second = transformerLayer(first, 1, 512, 512);
  const pooled = one('ReduceMean', [second, shape(0)], [intAttr('keepdims', 1)]);
  const hidden = 'module/Encoder_en/hidden_layers/tanh_layer_0/';
  nodes.push({ opType: 'Tanh', input: [dense(pooled, `${hidden}weights`, `${hidden}bias`, 512, 512)], output: ['y'] });

  const floatTensor = (name: string, dims: (number | string)[]) => ({
    name,
    type: { tensorType: { elemType: onnx.TensorProto.DataType.FLOAT, shape: { dim: dims.map((dim) => (typeof dim === 'number' ? { dimValue: dim } : { dimParam: dim })) } } },
  });
  const model = onnx.ModelProto.create({
    irVersion: 8,
    opsetImport: [{ domain: '', version: 18 }],
    producerName: 'verbatim',
    graph: { name: 'universal-sentence-encoder-lite', node: nodes, initializer: initializers, input: [floatTensor('x', ['tokens', 256])], output: [floatTensor('y', [1, 512])] },
  });
  return onnx.ModelProto.encode(model).finish();
}
