/*
 * A stand-in bcryptprimitives.dll for wine 8 (Debian 12), which has none: Go 1.24 and
 * later call its ProcessPrng at start for random numbers and stop when it is missing.
 * scripts/wine-test.sh builds it with mingw and puts it in the wine prefix's system32.
 * ProcessPrng fills the buffer from RtlGenRandom (advapi32's SystemFunction036), as
 * Windows' own does from the kernel's generator; like Windows', it always succeeds.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
	while (length > 0) {
		ULONG n = length > 0x10000000 ? 0x10000000 : (ULONG)length;
		if (!SystemFunction036(data, n))
			ExitProcess(1); /* no randomness: stop rather than return predictable bytes */
		data += n;
		length -= n;
	}
	return TRUE;
}
