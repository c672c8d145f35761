// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/nn/modelspec.h"
#include "core/base/random.h"
#include "core/base/tensor.h"

#include <cstdint>
#include <span>
#include <utility>
#include <vector>

namespace tinyml::core {

/// What a batch should produce: class labels (sparse) or a dense target matrix
/// (outputs, n). Mean squared error with labels uses their one-hot vectors.
struct Targets
{
    std::span<const std::uint8_t> labels;
    const Matrix *dense = nullptr;
};

class Network;
class ThreadPool;

/// A Dense layer of `units` × `inputs` over a batch of n samples computes its products in this
/// many parts, each over a fixed range of its inputs (DESIGN.md, "Threads"): forward, part t
/// adds W[:, part] · in[part, :] in part order; backward, part t computes the columns `part` of
/// dW and the rows `part` of dL/d(in). A function of the sizes only, never of the thread count:
/// 1 below about a million multiply-adds (or under 256 inputs), at most 4.
int denseParts(Eigen::Index units, Eigen::Index inputs, int n);
/// The inputs [first, second) of part t of `parts` over `inputs`: multiples of 8 but the last.
std::pair<Eigen::Index, Eigen::Index> densePartRange(Eigen::Index inputs, int parts, int t);

/// Everything one forward and backward pass computes, preallocated for up to maxBatch
/// samples so that training allocates nothing per batch. It is also the stepper's trace:
/// after backward(), z, a, delta and the gradients of every layer are the engine's own numbers.
class Workspace
{
public:
    Workspace(const ModelSpec &spec, int maxBatch);

    int maxBatch() const { return m_maxBatch; }
    int batch() const { return m_batch; }

    MatrixMap z(std::size_t layer) { return view(m_z, layer); }         ///< (units, n)
    MatrixMap a(std::size_t layer) { return view(m_a, layer); }         ///< (units, n) after dropout
    MatrixMap delta(std::size_t layer) { return view(m_delta, layer); } ///< dL/dz (units, n)
    ConstMatrixMap z(std::size_t layer) const { return view(m_z, layer); }
    ConstMatrixMap a(std::size_t layer) const { return view(m_a, layer); }
    ConstMatrixMap delta(std::size_t layer) const { return view(m_delta, layer); }
    /// Per-layer timing for benchmarks: when on, every forward and backward pass adds the
    /// seconds each layer took (thread CPU time, so that other programs do not count).
    void setTiming(bool on) { m_timing = on; }
    double forwardSeconds(std::size_t layer) const { return m_forwardSeconds[layer]; }
    double backwardSeconds(std::size_t layer) const { return m_backwardSeconds[layer]; }

    /// Data-parallel training: this workspace computes one shard of a batch of `total` samples.
    /// backward() then divides the loss and its gradients by `total` instead of the shard's size,
    /// so that the shards' values add up to the whole batch's, and leaves out the L2 penalty
    /// and its gradient (added once to the sum). 0, the default: a whole batch.
    void setBatchShare(int total) { m_share = total; }
    int batchShare() const { return m_share; }

    /// A pool that runs the parts of large Dense layers (denseParts()) in parallel; nullptr,
    /// the default, runs them one after the other. Either way the numbers are the same.
    void setPool(ThreadPool *pool) { m_pool = pool; }

    /// Flat gradient buffer, laid out like Network::parameters().
    std::span<float> gradients() { return m_gradients; }
    std::span<const float> gradients() const { return m_gradients; }

private:
    friend class Network;
    MatrixMap view(std::vector<AlignedFloats> &buffers, std::size_t layer)
    {
        return {buffers[layer].data(), m_units[layer], m_batch};
    }
    ConstMatrixMap view(const std::vector<AlignedFloats> &buffers, std::size_t layer) const
    {
        return {buffers[layer].data(), m_units[layer], m_batch};
    }

    int m_maxBatch;
    int m_batch = 0;
    std::vector<Eigen::Index> m_units;
    std::vector<AlignedFloats> m_z, m_a, m_delta;
    std::vector<AlignedFloats> m_mask, m_pre; ///< dropout only: mask and f(z) before it
    std::vector<float> m_rate;                ///< dropout rate of each layer (0: none)
    std::vector<AlignedFloats> m_cols;        ///< Conv2D: im2col (kh*kw*cin, oh*ow*n)
    std::vector<std::vector<std::int32_t>> m_argmax; ///< MaxPooling2D: input index per output
    AlignedFloats m_dcols;                    ///< Conv2D backward: d(cols), the largest layer
    AlignedFloats m_ones; ///< Conv2D backward: bias gradient as a matrix-vector product
    /// Dense layers computed in parts: the sums of parts 1.. (parts-1, units, n), added to z.
    std::vector<AlignedFloats> m_partial;
    ThreadPool *m_pool = nullptr;
    bool m_timing = false;
    int m_share = 0;
    std::vector<double> m_forwardSeconds, m_backwardSeconds;
    AlignedFloats m_gradients;
};

/// Result of a loss computation over one batch.
struct LossValue
{
    double loss = 0.0; ///< mean over the batch, plus the L2 penalty
    int correct = 0;   ///< samples whose arg-max equals the label (0 without labels)
};

/// A feed-forward network of typed layers (DESIGN.md, "Layers, shapes and the NHWC layout").
/// All parameters live in one flat buffer; per layer l with parameters, the kernel W
/// column-major, then the bias b: Dense (units, inputs), Conv2D (filters, kh*kw*cin),
/// DepthwiseConv2D (channels, kh*kw). Activations are NHWC, one sample per column.
class Network
{
public:
    explicit Network(ModelSpec spec);

    const ModelSpec &spec() const { return m_spec; }
    std::size_t layerCount() const { return m_spec.layers.size(); }

    /// Keras-style initialisation from spec().initializer; biases zero.
    void initialize(std::uint64_t seed);

    std::span<float> parameters() { return m_params; }
    std::span<const float> parameters() const { return m_params; }

    MatrixMap weights(std::size_t l) { return {m_params.data() + m_wOffset[l], rows(l), cols(l)}; }
    ConstMatrixMap weights(std::size_t l) const
    {
        return {m_params.data() + m_wOffset[l], rows(l), cols(l)};
    }
    VectorMap bias(std::size_t l) { return {m_params.data() + m_bOffset[l], rows(l)}; }
    ConstVectorMap bias(std::size_t l) const { return {m_params.data() + m_bOffset[l], rows(l)}; }
    std::size_t weightOffset(std::size_t l) const { return m_wOffset[l]; }
    std::size_t biasOffset(std::size_t l) const { return m_bOffset[l]; }

    /// Forward pass of X (inputSize, n), n <= ws.maxBatch(). With a dropout generator
    /// (training), hidden Dense activations (spec().dropout) and Dropout layers drop values
    /// (inverted dropout). Returns the output (outputs, n).
    ConstMatrixMap forward(ConstMatrixRef X, Workspace &ws, Rng *dropout = nullptr) const;

    /// Forward pass with fixed dropout masks instead of random ones (for reproducible traces and
    /// tests). keepMasks holds one matrix per hidden layer, (units of that layer, n): 1 keeps a
    /// unit, 0 drops it. Kept activations are scaled by 1 / (1 - rate) as in training, and
    /// backward() then uses these masks. Needs spec().dropout > 0; throws Error on wrong sizes.
    ConstMatrixMap forward(ConstMatrixRef X, Workspace &ws,
                           std::span<const Matrix> keepMasks) const;

    /// After forward(X, ws, ...): the loss and the gradients of every parameter into ws.
    LossValue backward(ConstMatrixRef X, const Targets &targets, Workspace &ws) const;

    /// Loss of the outputs of the last forward pass, without gradients.
    LossValue loss(const Workspace &ws, const Targets &targets) const;

    /// Probabilities for one input of inputSize floats in 0..1 (allocates; for the UI and CLI).
    std::vector<float> predict(std::span<const float> input) const;

    /// True when every parameter is finite.
    bool isFinite() const;

    /// The L2 penalty spec().l2 · Σ w² over every kernel weight (biases excluded).
    double l2Penalty() const;
    /// Adds the L2 penalty's gradient 2 · spec().l2 · w to grads (laid out like parameters())
    /// for the kernel weights in [begin, end); biases and parameters outside are left alone.
    void addL2Gradient(std::span<float> grads, std::size_t begin, std::size_t end) const;

private:
    Eigen::Index rows(std::size_t l) const { return m_rows[l]; }
    Eigen::Index cols(std::size_t l) const { return m_cols[l]; }
    void forwardLayer(std::size_t l, ConstMatrixRef in, Workspace &ws) const;
    /// From dL/dz of layer l: its parameter gradients, and dL/da of its input into dIn if given.
    void backwardLayer(std::size_t l, ConstMatrixRef in, Workspace &ws, MatrixMap *dIn) const;
    /// d holds dL/da of layer l; on return dL/dz (through its dropout mask and activation).
    void toPreActivation(std::size_t l, const Workspace &ws, MatrixMap d) const;
    ConstMatrixMap forwardPass(ConstMatrixRef X, Workspace &ws, Rng *dropout,
                               std::span<const Matrix> keepMasks) const;

    ModelSpec m_spec;
    AlignedFloats m_params;
    std::vector<std::size_t> m_wOffset, m_bOffset;
    std::vector<Eigen::Index> m_rows, m_cols; ///< kernel shape per layer (0 x 0 without one)
    std::vector<Shape> m_in, m_out;           ///< tensor shapes per layer
};

} // namespace tinyml::core
