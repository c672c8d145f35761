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
    IdxPartialImage, ///< writing pixels that do not fill whole images
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
    ModelNotFinite,     ///< weights hold NaN or infinity
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
    ExportLayerUnsupported, ///< the C export has no code for this layer kind yet
    StudioLayerUnsupported, ///< the studio's panels show dense models only
    // Export
    WeightsNotFinite,   ///< weights hold NaN or infinity
    ExportNeedsSoftmax, ///< only softmax outputs can be exported
    ExportNeedsImages,  ///< expected: 784 inputs, found: the model's
    CalibrationEmpty,   ///< quantization needs at least one image
    // Other
    ImageUnreadable, ///< an image file that is not PNG or JPEG
    RunListInvalid,  ///< name: which entry (id, activation, ...), detail: its text
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
