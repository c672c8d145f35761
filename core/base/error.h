// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace tinyml::core {

/// What went wrong, independent of any language. The UI turns a code and its arguments into
/// translated text; what() holds the English sentence.
enum class ErrorCode {
    // Files (args: file; detail and systemError for the operating system's reason)
    FileMissing,   ///< file does not exist
    FileIsFolder,  ///< file names a folder
    FileNotRegular, ///< a FIFO, device or socket: refused before opening, it could block
    FileEmpty,     ///< the file holds no bytes
    FileOpen,      ///< cannot open file (detail, systemError)
    FileRead,      ///< reading failed (detail) or stopped early (expected, found: bytes)
    FileTooLarge,  ///< found: file size, limit: largest accepted (bytes)
    FileWrite,     ///< writing failed (detail, systemError)
    FolderMissing, ///< folder of the file to write does not exist
    FolderCreate,  ///< folder cannot be created (detail)
    GzipCorrupt,   ///< compressed data damaged (detail: zlib's reason)
    GzipTruncated, ///< compressed data ends too early
    GzipTooLarge,  ///< limit: largest accepted expansion (bytes)

    // IDX files (field: Images or Labels)
    IdxWrongKind,     ///< a label file where images are expected or the reverse (found: magic)
    IdxTooShort,      ///< found: file size, expected: header size (bytes)
    IdxBadMagic,      ///< found, expected: magic numbers
    IdxBadCount,      ///< found: item count in the header
    IdxBadDimensions, ///< rows x cols impossible (or, with expected, not expected x expected)
    IdxTruncated, ///< offset: where the file ends; expected, found: file size (bytes); index: items
    IdxTooLong,   ///< offset: where the extra bytes begin; expected, found, index as above
                  ///< (found unset when compressed: decoding stops at the first extra byte)
    IdxPartialImage, ///< writing pixels that do not fill whole images
    IdxTooLarge,     ///< expected: payload bytes promised, limit: most accepted; index, rows, cols
    LabelOutOfRange, ///< found: label, index: item, limit: largest label allowed
    CountMismatch,   ///< name: data set; file/otherFile: images/labels; expected/found: counts
    DataMissing,     ///< name: file base name, folder: where it was looked for
    // Model files
    ModelTooShort,      ///< found: file size (bytes)
    ModelBadMagic,      ///< not a model file
    ModelBadVersion,    ///< found: file version, limit: newest readable
    ModelTruncated,     ///< offset: where it ends; expected, found: bytes needed, bytes left
    ModelBadValue,      ///< field: which value, found (index: layer; expected if known)
    ModelBadSettings,   ///< cause: the settings error, with its arguments
    ModelTrailingBytes, ///< found: extra bytes after the end
    ModelChecksum,      ///< CRC-32 mismatch
    ModelNotFinite,     ///< weights (or, field OptimizerState, the optimizer state) not finite
    ModelValuesTooLarge, ///< field Weights or Activations, index: layer, value, limit: 10^limit
    ModelNotEmbedded,   ///< a resource model missing from this build
    // Settings and training
    SpecInvalid,            ///< field: which setting; found or value; index: layer; limit
    SoftmaxNotLast,         ///< softmax on a hidden layer
    ModelTooLarge,          ///< found: parameters, limit: allowed
    InputMismatch,          ///< expected: model inputs, found: pixels per image
    NoTrainingData,         ///< no training images
    ValidationTooLarge,     ///< the validation split leaves nothing to train on
    LabelAboveOutputs,      ///< found: label, limit: number of outputs
    LossNeedsLabels,        ///< a classification loss without class labels
    OptimizerStateMismatch, ///< saved optimizer state and model differ
    // Layer stacks (index: layer from 0, name: its kind as Keras names it)
    LayerNeedsFlatten,      ///< Dense after an image tensor
    LayerNeedsImage,        ///< a convolution or pooling on a flat tensor
    KernelTooLarge,         ///< found: kernel or pool size, limit: the input's smaller side
    PoolingOneByOne,        ///< pooling a 1x1 map
    LayersSyntax,           ///< offset: column from 1, name: the token, detail: what was expected
    ExportLayerUnsupported, ///< a layer the int8 runner and the C export cannot run
    StudioLayerUnsupported, ///< the studio's panels show dense models only
    // Export
    WeightsNotFinite,   ///< weights hold NaN or infinity
    ExportNeedsSoftmax, ///< only softmax outputs can be exported
    ExportNeedsImages,  ///< expected: 784 inputs, found: the model's
    CalibrationEmpty,   ///< quantization needs at least one image
    QuantizationUnsafe, ///< field: which int8 quantity, index: layer, found or value, limit
    TfliteLayerUnsupported, ///< index: layer, name: its kind, detail: its activation (Keras's
                            ///< name); found 1: only an int8 .tflite cannot hold it
    // Reading .tflite files (file: the file; tensor and operator indices from 0)
    TfliteBadIdentifier,       ///< bytes 4..7 are not "TFL3"
    TfliteMalformed,           ///< the FlatBuffers structure fails verification
    TfliteSubgraphs,           ///< found: subgraphs in the file (one is read)
    TfliteOperatorUnsupported, ///< name: TFLite's operator name, index: operator
    TfliteOptionUnsupported,   ///< name: operator, index: operator, detail: option and value
    TfliteNotChain,            ///< index, name: an operator that does not read the output of
                               ///< the one before; without index: found inputs, expected outputs
    TfliteTensorType,          ///< index: tensor, name: its name, detail: TFLite's type name
    TfliteTensorShape,         ///< index, name: tensor; detail: its shape; expected: values needed
    TfliteBufferSize,          ///< index, name: tensor; expected, found: bytes
    TfliteNotFinite,           ///< index, name: tensor whose constant values hold NaN or infinity
    TfliteTooLarge,            ///< index, name: tensor; found: its values, limit: most accepted
    TfliteInputRangeUnknown,   ///< the file does not say which input range the model expects
    /// A fully-integer file whose int8 arithmetic the int8 engine cannot run bit for bit (it is
    /// computed in float32 instead): name, index: the operator; detail: what (TFLite's words)
    TfliteInt8Unsupported,
    // Other
    ImageUnreadable, ///< an image file that is not PNG or JPEG
    ImageDamaged,    ///< a PNG or JPEG whose data cannot be decoded (detail: the decoder's reason)
    ImageTruncated,  ///< a PNG or JPEG that ends before its image data does
    ImageTooLarge,   ///< cols x rows: image size (pixels); found, limit: megabytes needed, allowed
    RunListInvalid,  ///< name: which entry (id, activation, ...), detail: its text
    // Playground
    PlaygroundSettingInvalid, ///< name: the setting's key; value: as given; file if from a file
    PlaygroundFileInvalid,    ///< file: not a Playground state file (detail: the reason, English)
    Internal,        ///< a programming error (detail, English)
};

/// Number of ErrorCode values (they run from 0 to Internal, which stays last).
inline constexpr int kErrorCodeCount = int(ErrorCode::Internal) + 1;

/// Which setting or stored value an error is about.
enum class ErrorField {
    None,
    // Model and training settings
    InputSize,
    LayerCount,
    LayerUnits,
    L2,
    Dropout,
    LearningRate,
    DecayRates,
    Epsilon,
    Epochs,
    BatchSize,
    ValidationSplit,
    Patience,
    TrainSubset,
    OutputUnits,
    KernelSize,
    Stride,
    InputShape,
    // Values in a model file
    ActivationCode,
    LossCode,
    InitializerCode,
    OptimizerCode,
    ParameterCount,
    InfoEntries,
    TextLength,
    OptimizerState,
    // Values a model computes with
    Weights,
    Activations,
    Int8Scale,
    Int8Shift,
    Int8Bias,
    Int8Accumulator,
    LayerKindCode,
    PaddingCode,
    // IDX files
    Images,
    Labels,
};

inline constexpr int kErrorFieldCount = int(ErrorField::Labels) + 1;

/// The facts an error names. Fields not set are left out of the text. Numbers are plain
/// integers (bytes, counts, indices from 0 unless said otherwise); the UI formats them.
struct ErrorArgs
{
    std::string file{};      ///< the file concerned, as given
    std::string otherFile{}; ///< a second file (the labels of an image/label pair)
    std::string folder{};    ///< a folder
    std::string name{};      ///< a name: data set, file base name, run list entry
    ErrorField field = ErrorField::None;
    std::optional<ErrorCode> cause{};     ///< ModelBadSettings: the settings error (same args)
    std::optional<std::int64_t> index{};  ///< layer (from 0) or item
    std::optional<std::int64_t> offset{}; ///< byte offset in the file
    std::optional<std::int64_t> rows{};
    std::optional<std::int64_t> cols{};
    std::optional<std::int64_t> expected{};
    std::optional<std::int64_t> found{};
    std::optional<std::int64_t> limit{};
    std::optional<double> value{}; ///< a real-valued setting as given
    std::string detail{};          ///< an untranslatable reason (system, zlib), English
    int systemError = 0;           ///< errno, 0 if none
};

/// The English sentence for a code and its arguments, naming the file where there is one.
std::string englishText(ErrorCode code, const ErrorArgs &args);

/// The code's name as written in the source ("IdxTruncated"), for logs and tests.
std::string_view toString(ErrorCode code);

/// The English name of a setting or stored value ("learning rate").
std::string_view englishName(ErrorField field);

/// The one exception type of the engine: bad files, bad settings, bad data.
/// It carries a code and arguments; what() is the complete English sentence built from them.
class Error : public std::runtime_error
{
public:
    explicit Error(ErrorCode code, ErrorArgs args = {});

    ErrorCode code() const noexcept { return m_code; }
    const ErrorArgs &args() const noexcept { return *m_args; }

private:
    ErrorCode m_code;
    std::shared_ptr<const ErrorArgs> m_args; // shared: copying an exception must not throw
};

} // namespace tinyml::core
