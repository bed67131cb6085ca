#pragma once
// The four 16-entry tables that turn AES's SubBytes into SM4's S-box (data only; the AVX2 kernel
// applies them with vpshufb, the tests re-derive them from the algebra).
//
// SM4's S-box is S(x) = A * inv_sm4(A * x + 0xD3) + 0xD3, where inv_sm4 is inversion in GF(2^8)
// mod 0x1F5 and A is the circulant bit matrix of row 0xA7. AES's SubBytes is
// SB(y) = M * inv_aes(y) + 0x63 with inversion mod 0x11B. The two fields are isomorphic:
// phi(x^i) = 0x23^i (0x23 is a root of 0x1F5 in the AES field) maps one onto the other and
// commutes with inversion. Hence S(x) = post(SB(pre(x))) with the byte-wise affine maps
//   pre(x)  = phi(A * x + 0xD3)
//   post(y) = A * phi^-1(M^-1 * (y + 0x63)) + 0xD3.
// An affine byte map f splits over the nibbles: f(x) = f_low(x & 15) ^ f_high(x >> 4), with the
// constant kept in the low table (so the high table starts with 0). Each table is one vpshufb.
#include <array>
#include <cstdint>

namespace cityclear::crypto::sm4 {

// clang-format off
inline constexpr std::array<uint8_t, 16> pre_affine_low = {
    0x3E, 0xB2, 0x0E, 0x82, 0xBB, 0x37, 0x8B, 0x07, 0xA1, 0x2D, 0x91, 0x1D, 0x24, 0xA8, 0x14, 0x98};
inline constexpr std::array<uint8_t, 16> pre_affine_high = {
    0x00, 0xDC, 0x2E, 0xF2, 0xC5, 0x19, 0xEB, 0x37, 0x08, 0xD4, 0x26, 0xFA, 0xCD, 0x11, 0xE3, 0x3F};
inline constexpr std::array<uint8_t, 16> post_affine_low = {
    0x6C, 0xD4, 0xA6, 0x1E, 0x52, 0xEA, 0x98, 0x20, 0x0B, 0xB3, 0xC1, 0x79, 0x35, 0x8D, 0xFF, 0x47};
inline constexpr std::array<uint8_t, 16> post_affine_high = {
    0x00, 0xE0, 0x50, 0xB0, 0x9D, 0x7D, 0xCD, 0x2D, 0xC0, 0x20, 0x90, 0x70, 0x5D, 0xBD, 0x0D, 0xED};
// clang-format on

// aesenclast also applies ShiftRows: output byte i is SB(input byte shift_rows[i]). Reading the
// output through the inverse permutation puts every S-box result back where its input was.
inline constexpr std::array<uint8_t, 16> shift_rows = {0, 5,  10, 15, 4,  9, 14, 3,
                                                       8, 13, 2,  7,  12, 1, 6,  11};
inline constexpr std::array<uint8_t, 16> inverse_shift_rows = {0, 13, 10, 7,  4,  1, 14, 11,
                                                               8, 5,  2,  15, 12, 9, 6,  3};

}  // namespace cityclear::crypto::sm4
