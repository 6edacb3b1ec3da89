/**
 * The encoder core, in plain Java so that a Spark ML stage can call it inside {@code mapPartitions}: {@link
 * dev.songmood.encode.EncoderModel} names the five pre-trained sentence encoders read from Maven Central jars on the
 * classpath; {@link dev.songmood.encode.Chunker} tokenises a lyric once and cuts it into chunks that fit a token
 * budget, at line starts where it can; {@link dev.songmood.encode.OnnxEncoder} loads a model once per JVM (ONNX
 * Runtime through DJL's engine, HuggingFace tokenizer) and turns chunks into L2-normalised vectors, with masked
 * pooling so that batching does not change them; {@link dev.songmood.encode.SongPooling} merges a song's chunk vectors
 * into one. Nothing here downloads anything at run time.
 */
package dev.songmood.encode;
