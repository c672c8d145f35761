// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/deploy/budget.h"

#include <algorithm>
#include <cstdio>
#include <sstream>

namespace tinyml::core {

ModelBudget modelBudget(const ModelSpec &spec)
{
    ModelBudget b;
    b.parameters = spec.parameterCount();
    b.macs = spec.macCount();
    b.flashFloat32 = 4 * b.parameters;
    std::int64_t peak = spec.inputSize;
    for (std::size_t l = 0; l < spec.layers.size(); ++l) {
        const LayerSpec &layer = spec.layers[l];
        LayerBudget lb;
        lb.macs = spec.layerMacs(l);
        lb.inputValues = spec.layerInputShape(l).size();
        lb.outputValues = spec.outputShape(l).size();
        const std::int64_t params = spec.layerParameters(l);
        lb.flashFloat32 = 4 * params;
        if (layer.hasParameters()) {
            const std::int64_t channels = spec.outputShape(l).channels;
            // weights as int8, then per channel an int32 bias, multiplier and shift
            lb.flashInt8 = (params - channels) + 12 * channels;
        }
        const bool identity = layer.kind == LayerKind::Flatten || layer.kind == LayerKind::Dropout;
        // Layer by layer, only the input and the output of one layer are alive.
        lb.liveValues = identity ? 0 : lb.inputValues + lb.outputValues;
        if (lb.liveValues > peak) {
            peak = lb.liveValues;
            b.peakLayer = l;
        }
        b.flashInt8 += lb.flashInt8;
        b.layers.push_back(lb);
    }
    b.ramFloat32 = 4 * peak;
    b.ramInt8 = peak;
    return b;
}

namespace {
std::string number(float v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", double(v));
    return buf;
}
} // namespace

std::string kerasCode(const ModelSpec &spec, const TrainConfig &config)
{
    std::ostringstream s;
    s << "import tensorflow as tf\n\n"
      << "mnist = tf.keras.datasets.mnist\n"
      << "(x_train, y_train), (x_test, y_test) = mnist.load_data()\n"
      << "x_train, x_test = x_train / 255.0, x_test / 255.0\n";
    if (config.trainSubset > 0)
        s << "x_train, y_train = x_train[:" << config.trainSubset << "], y_train[:"
          << config.trainSubset << "]\n";
    s << "\nmodel = tf.keras.models.Sequential([\n";
    if (spec.inputShape)
        s << "    tf.keras.layers.Reshape((" << spec.inputShape->height << ", "
          << spec.inputShape->width << ", " << spec.inputShape->channels
          << "), input_shape=(28, 28)),\n";
    else
        s << "    tf.keras.layers.Flatten(input_shape=(28, 28)),\n";
    const std::string reg = spec.l2 > 0.0f ? ", kernel_regularizer=tf.keras.regularizers.l2("
                                                 + number(spec.l2) + ")"
                                           : "";
    const std::string init = spec.initializer == Initializer::GlorotUniform
                                 ? ""
                                 : ", kernel_initializer='" + std::string(toString(spec.initializer)) + "'";
    for (std::size_t l = 0; l < spec.layers.size(); ++l) {
        const auto &layer = spec.layers[l];
        const bool last = l + 1 == spec.layers.size();
        if (layer.kind != LayerKind::Dense) {
            // Convolution, pooling, Flatten, Dropout: Keras's own arguments, strings quoted.
            const bool pooling = layer.kind == LayerKind::MaxPooling2D
                                 || layer.kind == LayerKind::AveragePooling2D;
            std::string args;
            auto add = [&](const std::string &a) { args += (args.empty() ? "" : ", ") + a; };
            if (layer.kind == LayerKind::Conv2D)
                add(std::to_string(layer.units));
            if (layer.isSpatial()) {
                add(std::to_string(layer.kernel));
                if (layer.stride != (pooling ? layer.kernel : 1))
                    add("strides=" + std::to_string(layer.stride));
                if (layer.padding == Padding::Same)
                    add("padding='same'");
            }
            if (layer.kind == LayerKind::Dropout)
                add(number(layer.rate));
            const bool activates = layer.kind == LayerKind::Conv2D
                                   || layer.kind == LayerKind::DepthwiseConv2D;
            if (activates && layer.activation != Activation::Linear
                && layer.activation != Activation::LeakyRelu)
                add("activation='" + std::string(toString(layer.activation)) + "'");
            s << "    tf.keras.layers." << toString(layer.kind) << "(" << args
              << (layer.kind == LayerKind::Conv2D ? init + reg : std::string()) << "),\n";
            if (activates && layer.activation == Activation::LeakyRelu)
                s << "    tf.keras.layers.LeakyReLU(alpha=" << number(kLeakyReluSlope) << "),\n";
            continue;
        }
        if (layer.activation == Activation::LeakyRelu)
            s << "    tf.keras.layers.Dense(" << layer.units << init << reg << "),\n"
              << "    tf.keras.layers.LeakyReLU(alpha=" << number(kLeakyReluSlope) << "),\n";
        else
            s << "    tf.keras.layers.Dense(" << layer.units << ", activation='"
              << toString(layer.activation) << "'" << init << reg << "),\n";
        if (!last && spec.dropout > 0.0f)
            s << "    tf.keras.layers.Dropout(" << number(spec.dropout) << "),\n";
    }
    s << "])\n\n";
    const OptimizerSpec &o = spec.optimizer;
    std::string opt;
    switch (o.kind) {
    case OptimizerKind::Sgd:
        opt = "tf.keras.optimizers.SGD(learning_rate=" + number(o.learningRate) + ")";
        break;
    case OptimizerKind::Momentum:
        opt = "tf.keras.optimizers.SGD(learning_rate=" + number(o.learningRate) + ", momentum="
              + number(o.momentum) + (o.nesterov ? ", nesterov=True" : "") + ")";
        break;
    case OptimizerKind::RmsProp:
        opt = "tf.keras.optimizers.RMSprop(learning_rate=" + number(o.learningRate) + ")";
        break;
    case OptimizerKind::Adam:
        opt = o.learningRate == 0.001f ? "'adam'"
                                       : "tf.keras.optimizers.Adam(learning_rate="
                                             + number(o.learningRate) + ")";
        break;
    }
    const std::string loss = spec.loss == LossKind::SparseCategoricalCrossentropy
                                 ? "'sparse_categorical_crossentropy'"
                                 : "'mse'  # on one-hot labels: y = tf.one_hot(y, 10)";
    s << "model.compile(optimizer=" << opt << ",\n"
      << "              loss=" << loss << ",\n"
      << "              metrics=['accuracy'])\n\n";
    std::string callbacks;
    if (config.earlyStoppingPatience > 0)
        callbacks = "callbacks=[tf.keras.callbacks.EarlyStopping(patience="
                    + std::to_string(config.earlyStoppingPatience)
                    + (config.restoreBestWeights ? ", restore_best_weights=True" : "") + ")]";
    s << "model.fit(x_train, y_train, epochs=" << config.epochs;
    if (config.batchSize != 32)
        s << ", batch_size=" << config.batchSize;
    if (config.validateOnTest)
        s << ",\n          validation_data=(x_test, y_test)";
    else if (config.validationSplit > 0.0f)
        s << ", validation_split=" << number(config.validationSplit);
    if (!callbacks.empty())
        s << ",\n          " << callbacks;
    s << ")\n";
    if (config.augment)
        s << "# The studio also augments each batch (random shifts, rotations, scales, stroke\n"
             "# widths), as tf.keras.layers.RandomTranslation/RandomRotation/RandomZoom would.\n";
    s << "model.evaluate(x_test, y_test)\n";
    return s.str();
}

} // namespace tinyml::core
