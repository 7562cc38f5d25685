using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace SubmissionGateway.Protection.PhiFields;

/// <summary>
/// Keyed blind index over a patient's member id and birth date, so rows can be found by patient without clear
/// text in the database. The inputs are normalized first so "abc-123 " and "ABC123" find the same patient.
/// </summary>
public sealed class PatientBlindIndex
{
    public const int Size = 32;

    private readonly byte[] _key;

    public PatientBlindIndex(IOptions<PhiFieldOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _key = options.Value.BlindIndexKey.ToArray();
        if (_key.Length < 32)
        {
            throw new InvalidOperationException("PhiFields: the blind-index key must be at least 32 bytes.");
        }
    }

    public byte[] Compute(string memberId, DateOnly birthDate)
    {
        ArgumentNullException.ThrowIfNull(memberId);
        var normalized = Normalize(memberId) + "|" + birthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(normalized));
    }

    internal static string Normalize(string memberId)
    {
        var builder = new StringBuilder(memberId.Length);
        foreach (var c in memberId)
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToUpperInvariant(c));
            }
        }

        return builder.ToString();
    }
}
