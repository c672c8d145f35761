// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Builds small .tflite buffers operator by operator for crafted-file tests, independently of the
// studio's writer: any operator number, type, shape or buffer size can be set, right or wrong.

#include "core/tflite/tflite_subset_generated.h"

#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

namespace tinyml::test {

class TfliteCraft
{
public:
    /// TFLite's tensor type numbers used here (FLOAT32 0, INT32 2, UINT8 3, INT8 9).
    static constexpr int kFloat32 = 0, kInt32 = 2, kUInt8 = 3, kInt8 = 9;

    TfliteCraft() { m_buffers.push_back(tflite::CreateBuffer(m_fbb)); }

    struct Quant
    {
        std::vector<float> scale;
        std::vector<std::int64_t> zeroPoint;
        int dimension = 0;
    };

    /// A tensor; data makes it constant (any byte count, to test wrong ones).
    int tensor(std::vector<int> shape,
               int type,
               const std::string &name,
               const std::optional<std::vector<std::uint8_t>> &data = {},
               const std::optional<Quant> &quant = {})
    {
        std::uint32_t buffer = 0;
        if (data) {
            m_fbb.ForceVectorAlignment(data->size(), 1, 16);
            const auto bytes = m_fbb.CreateVector(*data);
            buffer = std::uint32_t(m_buffers.size());
            m_buffers.push_back(tflite::CreateBuffer(m_fbb, bytes));
        }
        flatbuffers::Offset<tflite::QuantizationParameters> q;
        if (quant)
            q = tflite::CreateQuantizationParametersDirect(m_fbb, &quant->scale, &quant->zeroPoint,
                                                           quant->dimension);
        m_tensors.push_back(tflite::CreateTensorDirect(m_fbb, &shape, tflite::TensorType(type),
                                                       buffer, name.c_str(), q));
        return int(m_tensors.size()) - 1;
    }

    int floats(std::vector<int> shape, const std::string &name, const std::vector<float> &values)
    {
        return tensor(std::move(shape), kFloat32, name, bytes(values));
    }

    template<typename T> static std::vector<std::uint8_t> bytes(const std::vector<T> &values)
    {
        std::vector<std::uint8_t> out(values.size() * sizeof(T));
        if (!out.empty())
            std::memcpy(out.data(), values.data(), out.size());
        return out;
    }

    /// An operator by its BuiltinOperator number.
    void op(int code,
            std::vector<int> inputs,
            std::vector<int> outputs,
            tflite::BuiltinOptions type = tflite::BuiltinOptions::NONE,
            flatbuffers::Offset<void> options = 0)
    {
        const auto c
            = tflite::CreateOperatorCode(m_fbb, std::int8_t(code < 127 ? code : 127), 1, code);
        m_codes.push_back(c);
        m_operators.push_back(tflite::CreateOperatorDirect(m_fbb, std::uint32_t(m_codes.size() - 1),
                                                           &inputs, &outputs, type, options));
    }

    void fullyConnected(int in,
                        int w,
                        int b,
                        int out,
                        tflite::ActivationFunctionType act = tflite::ActivationFunctionType::NONE)
    {
        op(9, {in, w, b}, {out}, tflite::BuiltinOptions::FullyConnectedOptions,
           tflite::CreateFullyConnectedOptions(m_fbb, act).Union());
    }

    void softmax(int in, int out, float beta = 1.0f)
    {
        op(25, {in}, {out}, tflite::BuiltinOptions::SoftmaxOptions,
           tflite::CreateSoftmaxOptions(m_fbb, beta).Union());
    }

    flatbuffers::FlatBufferBuilder &fbb() { return m_fbb; }

    /// The finished file; subgraphs > 1 repeats the one subgraph.
    std::vector<std::uint8_t> finish(std::vector<int> inputs,
                                     std::vector<int> outputs,
                                     const std::string &description = "crafted",
                                     int subgraphs = 1)
    {
        std::vector<flatbuffers::Offset<tflite::SubGraph>> graphs;
        for (int i = 0; i < subgraphs; ++i)
            graphs.push_back(tflite::CreateSubGraphDirect(m_fbb, &m_tensors, &inputs, &outputs,
                                                          &m_operators, "main"));
        const auto model = tflite::CreateModelDirect(m_fbb, 3, &m_codes, &graphs,
                                                     description.c_str(), &m_buffers);
        tflite::FinishModelBuffer(m_fbb, model);
        return {m_fbb.GetBufferPointer(), m_fbb.GetBufferPointer() + m_fbb.GetSize()};
    }

private:
    flatbuffers::FlatBufferBuilder m_fbb{4096};
    std::vector<flatbuffers::Offset<tflite::Tensor>> m_tensors;
    std::vector<flatbuffers::Offset<tflite::Buffer>> m_buffers;
    std::vector<flatbuffers::Offset<tflite::OperatorCode>> m_codes;
    std::vector<flatbuffers::Offset<tflite::Operator>> m_operators;
};

} // namespace tinyml::test
