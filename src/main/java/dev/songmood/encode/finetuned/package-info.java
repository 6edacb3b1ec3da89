/**
 * What labelling needs of a fine-tuned encoder, apart from training it: the pre-trained encoder's architecture and
 * weights read out of its ONNX file ({@code BaseEncoder}, {@code PretrainedEncoder}, {@code BertConfig},
 * {@code OnnxGraph}), weights by HuggingFace name ({@code NamedTensors}), and the quadrant and valence/arousal heads
 * applied to a song's vector ({@code QuadrantHeads}). The fine-tuned stages in {@code stages} and the training in
 * {@code finetune} both read it; it imports neither.
 */
package dev.songmood.encode.finetuned;
