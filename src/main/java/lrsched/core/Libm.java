package lrsched.core;

/**
 * The C library's {@code cos}, {@code exp}, {@code log} and {@code pow} as Python's {@code math} module and float
 * {@code **} compute them on Linux: glibc 2.36, x86_64, FMA builds ({@code __cos_fma}, ...). Python's float arithmetic
 * is float64 and calls libm, which is not correctly rounded; {@link Math} differs from it in the last bit on a small
 * fraction of arguments. This class performs glibc's algorithms (sysdeps/ieee754/dbl-64/s_sin.c, the IBM Accurate
 * Mathematical Library; e_exp.c, e_log.c, e_pow.c by Szabolcs Nagy) operation for operation, with {@link Math#fma}
 * exactly where GCC contracts {@code a*b+c} in the FMA build, so that the schedules reproduce the libraries' rows bit
 * for bit. Domain, sources with commits, and how it is checked: src/docs/libm.md.
 */
public final class Libm {
    private Libm() {}

    // Constants of usncs.h and s_sin.c (glibc 2.36).
    private static final double SN3 = -1.66666666666664880952546298448555E-01;
    private static final double SN5 = 8.33333214285722277379541354343671E-03;
    private static final double CS2 = 4.99999999999999999999950396842453E-01;
    private static final double CS4 = -4.16666666666664434524222570944589E-02;
    private static final double CS6 = 1.38888874007937613028114285595617E-03;
    private static final double S1 = -0x1.5555555555555p-3;
    private static final double S2 = 0x1.1111111110ECEp-7;
    private static final double S3 = -0x1.A01A019DB08B8p-13;
    private static final double S4 = 0x1.71DE27B9A7ED9p-19;
    private static final double S5 = -0x1.ADDFFC2FCDF59p-26;
    private static final double BIG = 0x1.8p45;
    private static final double HP0 = 0x1.921FB54442D18p0;
    private static final double HP1 = 0x1.1A62633145C07p-54;
    private static final double MP1 = 0x1.921FB58p0;
    private static final double MP2 = -0x1.DDE973Cp-27;
    private static final double PP3 = -0x1.CB3B398p-55;
    private static final double PP4 = -0x1.d747f23e32ed7p-83;
    private static final double HPINV = 0x1.45F306DC9C883p-1;
    private static final double TOINT = 0x1.8p52;

    /** Beyond this |x| glibc reduces with branred.c (not reproduced here). */
    private static final double REDUCE_LIMIT = 105414350.0;

    /**
     * sin(i/128), its remainder, cos(i/128), its remainder, for i = 0..109: glibc's {@code __sincostab}, transcribed
     * from sysdeps/ieee754/dbl-64/sincostab.c (glibc-2.36, c804cd1c00adde061ca51711f63068c103e94eef). The high parts
     * are the nearest doubles; 18 of the 110 x 2 remainders are not the nearest double of the exact remainder (the
     * IBM table was computed with less precision), so the table is transcribed rather than regenerated.
     */
    private static final double[] SINCOS = {
        0.0, 0.0, 0x1.0000000000000p+0, 0.0,
        0x1.fffeaaaaeeeefp-8, -0x1.e45e2ec67b77cp-62, 0x1.fffc000155552p-1, 0x1.f4a01a0196daep-55,
        0x1.fffaaaaeeeed5p-7, -0x1.2ab639a9f0777p-63, 0x1.fff000155549fp-1, 0x1.28a28a03a5ef3p-55,
        0x1.7ff7001033255p-6, 0x1.efe2b51527336p-64, 0x1.ffdc006bff7e6p-1, 0x1.ae6dae86977bdp-55,
        0x1.ffeaaaeeee86fp-6, -0x1.cd406fb224ae2p-60, 0x1.ffc00155527d3p-1, -0x1.3b54492d89b5bp-55,
        0x1.3feb2b12d45d5p-5, 0x1.4ec54203d1c11p-60, 0x1.ff9c03414a7bap-1, 0x1.991f4be6c59bfp-57,
        0x1.7fdc01032fba9p-5, -0x1.599bdf46e997ap-59, 0x1.ff7006bfdf99fp-1, -0x1.8b3b560648d5fp-56,
        0x1.bfc6d78586dacp-5, 0x1.8e4fd03dbf236p-62, 0x1.ff3c0c8103a31p-1, 0x1.4856dbddc0e66p-56,
        0x1.ffaaaeeed4edbp-5, -0x1.2d16d32684b69p-59, 0x1.ff0015549f4d3p-1, 0x1.328387b99426fp-55,
        0x1.1fc343d808befp-4, -0x1.f3d32e6f3be4fp-58, 0x1.febc222a8ef9fp-1, 0x1.7934934f54c77p-58,
        0x1.3facb12d1755bp-4, -0x1.921915299468cp-58, 0x1.fe7034129ef6fp-1, -0x1.cbf4337c96f97p-57,
        0x1.5f911fd10b737p-4, -0x1.0184f02be9102p-58, 0x1.fe1c4c3c873ebp-1, -0x1.5a9c9057c4a02p-60,
        0x1.7f701032550e4p-4, 0x1.afc2d1800501ap-60, 0x1.fdc06bf7e6b9bp-1, 0x1.31902b535f8dbp-55,
        0x1.9f4902d55d1f9p-4, 0x1.2696d7eac1dc1p-58, 0x1.fd5c94b43e000p-1, -0x1.2e768cb4f92f9p-57,
        0x1.bf1b78568391dp-4, 0x1.e91841dea4cc8p-58, 0x1.fcf0c800e99b1p-1, 0x1.ea3d786d186acp-57,
        0x1.dee6f16c1cce6p-4, -0x1.50f8e2fb71673p-59, 0x1.fc7d078d1bc88p-1, 0x1.075d2447db685p-55,
        0x1.feaaeee86ee36p-4, -0x1.afcb2bcc6f03bp-59, 0x1.fc015527d5bd3p-1, 0x1.b68f35094efb8p-55,
        0x1.0f3378ddd71d1p-3, 0x1.d8468724f0f9ep-57, 0x1.fb7db2bfe0695p-1, 0x1.21dadf4f65ab1p-55,
        0x1.1f0d3d7afceafp-3, -0x1.6ef95099769a5p-57, 0x1.faf22263c4bd3p-1, -0x1.52ace133a2769p-58,
        0x1.2ee285e4ab88fp-3, -0x1.e4d0f05dee058p-57, 0x1.fa5ea641c36f2p-1, 0x1.04da6ed17cc7cp-59,
        0x1.3eb312c5d66cbp-3, 0x1.47d666b66cb91p-57, 0x1.f9c340a7cc428p-1, 0x1.c5b6b063b7462p-55,
        0x1.4e7ea4dc5f27bp-3, 0x1.949db2ac072fcp-58, 0x1.f91ff40374d01p-1, -0x1.7d03f4d3a9e4cp-57,
        0x1.5e44fcfa126f3p-3, -0x1.6f443063f89b6p-57, 0x1.f874c2e1eecf6p-1, -0x1.c6514e1332b16p-55,
        0x1.6e05dc05a4d4cp-3, -0x1.32c5c8b81c940p-66, 0x1.f7c1afeffde24p-1, -0x1.8f55bc47540b1p-56,
        0x1.7dc102fbaf2b5p-3, 0x1.5ab50e23c97c3p-59, 0x1.f706bdf9ece1cp-1, -0x1.698c80c36dcb4p-55,
        0x1.8d7632efaa944p-3, -0x1.20fa262cbb953p-57, 0x1.f643efeb82acdp-1, 0x1.6b00ac1fe28acp-56,
        0x1.9d252d0cec312p-3, 0x1.9c43d80b1137dp-58, 0x1.f57948cff6797p-1, 0x1.e3a0d3e03b1d5p-57,
        0x1.accdb297a0765p-3, -0x1.9883b57d6cdebp-58, 0x1.f4a6cbd1e3a79p-1, 0x1.13df0edaebb57p-55,
        0x1.bc6f84edc6199p-3, 0x1.9c1a56a7b0cabp-57, 0x1.f3cc7c3b3d16ep-1, -0x1.21a3ad28a3494p-57,
        0x1.cc0a6588289a3p-3, -0x1.868d09bc87c6bp-57, 0x1.f2ea5d753ffedp-1, 0x1.cc4215f56d583p-55,
        0x1.db9e15fb5a5d0p-3, -0x1.32e20d6cc6fc2p-57, 0x1.f20073086649fp-1, 0x1.b940416c1984bp-56,
        0x1.eb2a57f8ae5a3p-3, -0x1.0be06af572cebp-57, 0x1.f10ec09c5873bp-1, 0x1.d9072762c1283p-55,
        0x1.faaeed4f31577p-3, -0x1.15d88508e32b8p-57, 0x1.f01549f7deea1p-1, 0x1.d3c1e99e5cafdp-55,
        0x1.0515cbf65155cp-2, -0x1.9b8c29dfd8ec8p-56, 0x1.ef141300d2f26p-1, -0x1.2aa1b08ded372p-55,
        0x1.0cd00cef36436p-2, -0x1.9fb0a0c93e2b5p-56, 0x1.ee0b1fbc0f11cp-1, -0x1.bfd2380bbc3b1p-59,
        0x1.14861aa94ddebp-2, -0x1.be881b5b615a4p-57, 0x1.ecfa744d5efa1p-1, -0x1.56d0a4af541d0p-58,
        0x1.1c37d64c6b876p-2, 0x1.46076fe0dcff5p-56, 0x1.ebe214f76efa8p-1, -0x1.02f9f12ba543ep-55,
        0x1.23e52111aaf36p-2, -0x1.4f080334eff18p-56, 0x1.eac2061bbaf4fp-1, 0x1.2c1d53e94658dp-57,
        0x1.2b8ddc43eb49fp-2, 0x1.1553899f2d807p-57, 0x1.e99a4c3a7cd83p-1, -0x1.2264b1bc53ce8p-55,
        0x1.3331e94049f87p-2, 0x1.e0cb6b40c302cp-56, 0x1.e86aebf29a9edp-1, 0x1.9397afdbb58a7p-55,
        0x1.3ad129769d3d8p-2, 0x1.03d5504878398p-63, 0x1.e733ea0193d40p-1, -0x1.6428b3546ce13p-55,
        0x1.426b7e69ee697p-2, -0x1.f09c75705c59fp-56, 0x1.e5f54b436e9d0p-1, 0x1.7eb0fd02fc8bcp-55,
        0x1.4a00c9b0f3d20p-2, 0x1.823ba6bb08eadp-56, 0x1.e4af14b2a449cp-1, -0x1.68ca02e8a6833p-55,
        0x1.5190ecf68a77ap-2, 0x1.b357155eef0f3p-56, 0x1.e3614b680d6a5p-1, -0x1.27793aa015237p-56,
        0x1.591bc9fa2f597p-2, 0x1.7c74bac3fe0cbp-57, 0x1.e20bf49acd6c1p-1, -0x1.660aec7ef636cp-58,
        0x1.60a1429078775p-2, 0x1.b1fd80ba89133p-58, 0x1.e0af15a03dbcep-1, 0x1.fe8e702771ae6p-58,
        0x1.682138a38d7f7p-2, -0x1.d889202444aadp-56, 0x1.df4ab3ebd875ep-1, -0x1.e2d8a7e6736c4p-55,
        0x1.6f9b8e33a0255p-2, 0x1.42bc14ee9da0dp-56, 0x1.ddded50f228d6p-1, -0x1.e80c8d42ba2bfp-57,
        0x1.7710255764214p-2, -0x1.6ead7314bb6cep-57, 0x1.dc6b7eb995912p-1, 0x1.4b364776dcd35p-58,
        0x1.7e7ee03c86d4ep-2, -0x1.b63bcdabf5af2p-56, 0x1.daf0b6b888e83p-1, 0x1.a249e2b5e5ceap-55,
        0x1.85e7a12826949p-2, 0x1.8a40e9b5face0p-56, 0x1.d96e82f71a9dcp-1, 0x1.ff61bd5d2039dp-55,
        0x1.8d4a4a774992fp-2, 0x1.44a02ea766326p-56, 0x1.d7e4e97e17b4ap-1, -0x1.3b770352bed94p-57,
        0x1.94a6be9f546c5p-2, -0x1.69ce13e683f58p-56, 0x1.d653f073e4040p-1, -0x1.76236434bec37p-55,
        0x1.9bfce02e80510p-2, 0x1.09e39a320b0a4p-56, 0x1.d4bb9e1c619e0p-1, 0x1.f34bb77858f61p-55,
        0x1.a34c91cc50ccap-2, -0x1.a310e3b50cecdp-58, 0x1.d31bf8d8d7c06p-1, 0x1.e60dd3089cbddp-56,
        0x1.aa95b63a09277p-2, -0x1.6293eb13c0381p-57, 0x1.d1750727d94f0p-1, 0x1.0d52b1ec1a48ep-55,
        0x1.b1d8305321617p-2, -0x1.ae242cb99f519p-56, 0x1.cfc6cfa52ad9fp-1, 0x1.8b5b5508f2a0dp-55,
        0x1.b913e30dbac43p-2, -0x1.e38ad2f6c3ff1p-56, 0x1.ce115909a82e5p-1, 0x1.1f139bb31109ap-55,
        0x1.c048b17b140a3p-2, 0x1.19fe6757e9fa7p-57, 0x1.cc54aa2b2972ep-1, 0x1.4ee162ba83a98p-57,
        0x1.c7767ec7fd19ep-2, -0x1.eb14d1a3d5826p-58, 0x1.ca90c9fc67d0bp-1, -0x1.46a81485e3462p-57,
        0x1.ce9d2e3d4a51fp-2, -0x1.2fc8a12dae298p-57, 0x1.c8c5bf8ce1a84p-1, 0x1.ab3d1a1590123p-56,
        0x1.d5bca34047661p-2, 0x1.28a44a75fc29cp-56, 0x1.c6f39208be53bp-1, -0x1.741dbfbaadb42p-55,
        0x1.dcd4c15329c9ap-2, 0x1.0d4c6e171fd9ap-56, 0x1.c51a48b8b175ep-1, -0x1.1bbb43b9aa880p-57,
        0x1.e3e56c1582a69p-2, -0x1.0a4821099f88fp-58, 0x1.c339eb01ddd81p-1, -0x1.caaf5ee82c5c0p-55,
        0x1.eaee8744b05f0p-2, -0x1.789b43c9b027dp-58, 0x1.c1528065b7d50p-1, -0x1.892111312e828p-55,
        0x1.f1eff6bc4f97bp-2, 0x1.17212f8a7525cp-56, 0x1.bf641081e7536p-1, 0x1.b7bd71628a9a1p-55,
        0x1.f8e99e76abc97p-2, 0x1.9d950af2d00a3p-58, 0x1.bd6ea310294f5p-1, 0x1.31bbcc88c109dp-56,
        0x1.ffdb628d2f57ap-2, 0x1.f4a992e905b6ap-57, 0x1.bb723fe630f32p-1, 0x1.72bd2452d0a39p-56,
        0x1.0362939c69955p-1, -0x1.2d8cd78397b01p-55, 0x1.b96eeef58840ep-1, 0x1.45a3cc78fade0p-58,
        0x1.06d3686946e5bp-1, 0x1.3f5ae4538ff1bp-55, 0x1.b764b84b704c2p-1, -0x1.f5848c21b389bp-55,
        0x1.0a4021e9e1001p-1, -0x1.6f643a13914f6p-55, 0x1.b553a410c104ep-1, 0x1.8ff7947027a16p-58,
        0x1.0da8b26b5672ep-1, -0x1.a58def0bee909p-55, 0x1.b33bba89c8948p-1, 0x1.ea6a51d1f6ca9p-55,
        0x1.110d0c4b69c3bp-1, 0x1.d918998809981p-55, 0x1.b11d04162a4c6p-1, 0x1.1dd561efbc0c2p-56,
        0x1.146d21f8b7f82p-1, 0x1.bf9535e2739a8p-56, 0x1.aef78930bd275p-1, -0x1.f836279746f94p-56,
        0x1.17c8e5f2eedb0p-1, 0x1.35e57102e2488p-57, 0x1.accb526f69de5p-1, 0x1.8fb6a8dd6b6ccp-55,
        0x1.1b204acb02fddp-1, -0x1.f190c70cbb5ffp-58, 0x1.aa98688308913p-1, -0x1.b83d607cd5070p-63,
        0x1.1e7343236574cp-1, 0x1.22a3fa4f41d5ap-56, 0x1.a85ed4373e02dp-1, 0x1.9be06385ec792p-57,
        0x1.21c1c1b0394cfp-1, 0x1.e5b324b23aa31p-58, 0x1.a61e9e72586afp-1, 0x1.58330e2fd453fp-55,
        0x1.250bb93788bbbp-1, 0x1.ea3d02457bccep-56, 0x1.a3d7d0352bdcfp-1, -0x1.68dbaeca19669p-55,
        0x1.28511c917a067p-1, -0x1.01df1d9a16b70p-55, 0x1.a18a729aee445p-1, 0x1.95e25736c0358p-60,
        0x1.2b91dea88421ep-1, -0x1.fa371db216ab0p-55, 0x1.9f368ed912f85p-1, -0x1.1d200c5791606p-55,
        0x1.2ecdf279a3082p-1, 0x1.d3557e0e7e37ep-55, 0x1.9cdc2e3f25e5cp-1, 0x1.3f99112993f62p-55,
        0x1.32054b148bc4fp-1, 0x1.f6b42095a135bp-55, 0x1.9a7b5a36a6514p-1, 0x1.722cfcc9fa7a9p-55,
        0x1.3537db9be0367p-1, 0x1.b327e7af040f0p-57, 0x1.98141c42e1310p-1, 0x1.d1ff80488f08dp-55,
        0x1.386597456282bp-1, -0x1.10fada93b07a8p-56, 0x1.95a67e00cb1fdp-1, -0x1.0befda21f862dp-55,
        0x1.3b8e715a2840ap-1, -0x1.97653a7d2f07bp-56, 0x1.93328926d9e92p-1, -0x1.bb77003600cdap-55,
        0x1.3eb25d36cd53ap-1, -0x1.be570e1570fc0p-58, 0x1.90b84784ddaf7p-1, -0x1.0feb10ab93b87p-56,
        0x1.41d14e4ba6790p-1, 0x1.4608fd287ecf5p-55, 0x1.8e37c303d9ad1p-1, -0x1.463a4b53d4bf8p-57,
        0x1.44eb381cf386bp-1, -0x1.3ed6c1e6a5505p-55, 0x1.8bb105a5dc900p-1, 0x1.863e03e9474c1p-55,
        0x1.48000e431159fp-1, -0x1.b194a7463ed10p-55, 0x1.89241985d871fp-1, 0x1.c48d9c413ed84p-55,
        0x1.4b0fc46aab761p-1, 0x1.0da05738cc59ap-61, 0x1.869108d77a6c6p-1, 0x1.338ffe2bfe9ddp-56,
        0x1.4e1a4e54ed51bp-1, -0x1.a492f89b7c76ap-55, 0x1.83f7dde701ca0p-1, -0x1.152cf609bc6e8p-59,
        0x1.511f9fd7b351cp-1, -0x1.5c0e861c48831p-55, 0x1.8158a31916d5dp-1, -0x1.de8b90b8228dep-57,
        0x1.541facddbb724p-1, 0x1.232c28520d391p-56, 0x1.7eb362eaa1488p-1, 0x1.a1d65a4a5959fp-58,
        0x1.571a6966d59b3p-1, 0x1.c843b4d0fb198p-58, 0x1.7c0827f09e54fp-1, -0x1.c73d6d72aee68p-57,
        0x1.5a0fc98813a12p-1, -0x1.d82e2b7d4227bp-55, 0x1.7956fcd7f6543p-1, -0x1.ab276e9d45ae4p-55,
        0x1.5cffc16bf8f0dp-1, 0x1.96cb370eb578ap-55, 0x1.769fec655211fp-1, -0x1.827d5cf8c68c5p-57,
        0x1.5fea4552a9e57p-1, 0x1.0b6cef7ee20b7p-55, 0x1.73e30174efba1p-1, -0x1.5d3ae3d94ad5fp-57,
        0x1.62cf49921ac79p-1, -0x1.edd9855b6241ap-55, 0x1.712046fa77678p-1, 0x1.425b0a5029c81p-55,
        0x1.65aec2963e755p-1, 0x1.126f96b71053cp-55, 0x1.6e57c800cf55ep-1, 0x1.60286dedbd0a6p-55,
        0x1.6888a4e134b2fp-1, -0x1.6b7d37644d5e6p-55, 0x1.6b898fa9efb5dp-1, 0x1.15ac786ccf4b2p-56,
        0x1.6b5ce50b7821ap-1, -0x1.5d5158f702e0fp-57, 0x1.68b5a92eb6253p-1, -0x1.9a91ad985f89cp-55,
        0x1.6e2b77c40bde1p-1, -0x1.0e729857fad53p-56, 0x1.65dc1fdeb8cbap-1, -0x1.97c1b47337c77p-58,
        0x1.70f451d0a8c40p-1, 0x1.97ede3885770dp-57, 0x1.62fcff20191c7p-1, 0x1.d9143895756efp-57,
        0x1.73b7680dea578p-1, -0x1.2248306dc12a2p-56, 0x1.6018526f563dfp-1, 0x1.46ca5e0e432d0p-55,
        0x1.7674af6f7b524p-1, 0x1.e9d3f94ac84a8p-56, 0x1.5d2e255f1f17ap-1, 0x1.0314104c8892bp-55,
        0x1.792c1d0041d52p-1, -0x1.abf05eeb354ebp-55, 0x1.5a3e839824077p-1, 0x1.428aa2759be62p-55,
        0x1.7bdda5e28b3c2p-1, 0x1.ad1197ccd0393p-59, 0x1.574978d8e83f2p-1, 0x1.f4714af282d23p-55,
        0x1.7e893f5037959p-1, 0x1.0eefbaa650c4cp-55, 0x1.544f10f592ca5p-1, -0x1.e7ae8e6c7a62fp-55,
        0x1.812ede9ae4ba4p-1, -0x1.7830adf402ddap-55, 0x1.514f57d7bf3dap-1, 0x1.47a108073c259p-56,
    };

    /**
     * cos(x) exactly as glibc 2.36's FMA build returns it for |x| < 105414350 (every schedule argument); beyond that
     * (glibc's branred.c path, never reached by a schedule) the result is {@link StrictMath#cos}, which may differ
     * from glibc in the last bit.
     */
    public static double cos(double x) {
        double ax = Math.abs(x);
        if (ax < 0x1p-27) {
            return 1.0;
        }
        if (ax < 0x1.b6p-1) { // 0.855469: high word below 0x3feb6000
            return doCos(x, 0);
        }
        if (ax < 0x1.368fdp1) { // 2.426265: high word below 0x400368fd
            double y = HP0 - ax;
            double a = y + HP1;
            double da = (y - a) + HP1;
            return doSin(a, da);
        }
        if (ax < REDUCE_LIMIT) {
            double t = Math.fma(x, HPINV, TOINT);
            double xn = t - TOINT;
            int n = (int) Double.doubleToRawLongBits(t);
            double y = Math.fma(-xn, MP2, Math.fma(-xn, MP1, x));
            double t2 = Math.fma(-xn, PP3, y);
            double db = Math.fma(-xn, PP3, y - t2);
            double b = Math.fma(-xn, PP4, t2);
            db += Math.fma(-xn, PP4, t2 - b);
            return quadrant(b, db, n + 1);
        }
        return StrictMath.cos(x); // NaN and infinities give NaN, as in glibc
    }

    private static double quadrant(double a, double da, int n) {
        double r = (n & 1) != 0 ? doCos(a, da) : doSin(a, da);
        return (n & 2) != 0 ? -r : r;
    }

    private static double doCos(double x, double dx) {
        if (x < 0) {
            dx = -dx;
        }
        double u = BIG + Math.abs(x);
        x = Math.abs(x) - (u - BIG) + dx;
        double xx = x * x;
        double s = Math.fma(x * xx, Math.fma(xx, SN5, SN3), x);
        double c = xx * Math.fma(xx, Math.fma(xx, CS6, CS4), CS2);
        int k = ((int) Double.doubleToRawLongBits(u)) << 2;
        double sn = SINCOS[k];
        double ssn = SINCOS[k + 1];
        double cs = SINCOS[k + 2];
        double ccs = SINCOS[k + 3];
        double cor = Math.fma(-sn, s, Math.fma(-cs, c, Math.fma(-s, ssn, ccs)));
        return cs + cor;
    }

    private static double doSin(double x, double dx) {
        double xold = x;
        if (Math.abs(x) < 0.126) {
            double xx = x * x;
            double poly = Math.fma(Math.fma(Math.fma(Math.fma(S5, xx, S4), xx, S3), xx, S2), xx, S1);
            double t = Math.fma(Math.fma(poly, x, -(0.5 * dx)), xx, dx);
            return x + t;
        }
        if (x <= 0) {
            dx = -dx;
        }
        double u = BIG + Math.abs(x);
        x = Math.abs(x) - (u - BIG);
        double xx = x * x;
        double s = x + Math.fma(x * xx, Math.fma(xx, SN5, SN3), dx);
        double c = Math.fma(x, dx, xx * Math.fma(xx, Math.fma(xx, CS6, CS4), CS2));
        int k = ((int) Double.doubleToRawLongBits(u)) << 2;
        double sn = SINCOS[k];
        double ssn = SINCOS[k + 1];
        double cs = SINCOS[k + 2];
        double ccs = SINCOS[k + 3];
        double cor = Math.fma(cs, s, Math.fma(-sn, c, Math.fma(s, ccs, ssn)));
        return Math.copySign(sn + cor, xold);
    }

    // exp: e_exp.c and e_exp_data.c (glibc 2.36), N = 128 table entries, polynomial order 5.
    private static final double INV_LN2_N = 0x1.71547652b82fep0 * 128;
    private static final double NEG_LN2_HI_N = -0x1.62e42fefa0000p-8;
    private static final double NEG_LN2_LO_N = -0x1.cf79abc9e3b3ap-47;
    private static final double SHIFT = 0x1.8p52;
    private static final double C2 = 0x1.ffffffffffdbdp-2;
    private static final double C3 = 0x1.555555555543cp-3;
    private static final double C4 = 0x1.55555cf172b91p-5;
    private static final double C5 = 0x1.1111167a4d017p-7;

    /**
     * 2^(k/128) = H[k] * (1 + T[k]) for k = 0..127: entry 2k holds the bits of T[k], entry 2k+1 the bits of H[k]
     * less k/128 in the exponent field (e_exp_data.c's {@code tab}). Written out here, not computed at start-up (60-digit
     * roots cost some 50 ms in the interpreter of every run): LibmTablesTest regenerates them from that definition
     * (H[k] the nearest double, T[k] the nearest double of the relative remainder) and compares, and LibmTest checks
     * exp against glibc's.
     */
    static final long[] EXP_TAB = {
            0x0000000000000000L, 0x3ff0000000000000L, 0x3c9b3b4f1a88bf6eL, 0x3feff63da9fb3335L,
            0xbc7160139cd8dc5dL, 0x3fefec9a3e778061L, 0xbc905e7a108766d1L, 0x3fefe315e86e7f85L,
            0x3c8cd2523567f613L, 0x3fefd9b0d3158574L, 0xbc8bce8023f98efaL, 0x3fefd06b29ddf6deL,
            0x3c60f74e61e6c861L, 0x3fefc74518759bc8L, 0x3c90a3e45b33d399L, 0x3fefbe3ecac6f383L,
            0x3c979aa65d837b6dL, 0x3fefb5586cf9890fL, 0x3c8eb51a92fdeffcL, 0x3fefac922b7247f7L,
            0x3c3ebe3d702f9cd1L, 0x3fefa3ec32d3d1a2L, 0xbc6a033489906e0bL, 0x3fef9b66affed31bL,
            0xbc9556522a2fbd0eL, 0x3fef9301d0125b51L, 0xbc5080ef8c4eea55L, 0x3fef8abdc06c31ccL,
            0xbc91c923b9d5f416L, 0x3fef829aaea92de0L, 0x3c80d3e3e95c55afL, 0x3fef7a98c8a58e51L,
            0xbc801b15eaa59348L, 0x3fef72b83c7d517bL, 0xbc8f1ff055de323dL, 0x3fef6af9388c8deaL,
            0x3c8b898c3f1353bfL, 0x3fef635beb6fcb75L, 0xbc96d99c7611eb26L, 0x3fef5be084045cd4L,
            0x3c9aecf73e3a2f60L, 0x3fef54873168b9aaL, 0xbc8fe782cb86389dL, 0x3fef4d5022fcd91dL,
            0x3c8a6f4144a6c38dL, 0x3fef463b88628cd6L, 0x3c807a05b0e4047dL, 0x3fef3f49917ddc96L,
            0x3c968efde3a8a894L, 0x3fef387a6e756238L, 0x3c875e18f274487dL, 0x3fef31ce4fb2a63fL,
            0x3c80472b981fe7f2L, 0x3fef2b4565e27cddL, 0xbc96b87b3f71085eL, 0x3fef24dfe1f56381L,
            0x3c82f7e16d09ab31L, 0x3fef1e9df51fdee1L, 0xbc3d219b1a6fbffaL, 0x3fef187fd0dad990L,
            0x3c8b3782720c0ab4L, 0x3fef1285a6e4030bL, 0x3c6e149289cecb8fL, 0x3fef0cafa93e2f56L,
            0x3c834d754db0abb6L, 0x3fef06fe0a31b715L, 0x3c864201e2ac744cL, 0x3fef0170fc4cd831L,
            0x3c8fdd395dd3f84aL, 0x3feefc08b26416ffL, 0xbc86a3803b8e5b04L, 0x3feef6c55f929ff1L,
            0xbc924aedcc4b5068L, 0x3feef1a7373aa9cbL, 0xbc9907f81b512d8eL, 0x3feeecae6d05d866L,
            0xbc71d1e83e9436d2L, 0x3feee7db34e59ff7L, 0xbc991919b3ce1b15L, 0x3feee32dc313a8e5L,
            0x3c859f48a72a4c6dL, 0x3feedea64c123422L, 0xbc9312607a28698aL, 0x3feeda4504ac801cL,
            0xbc58a78f4817895bL, 0x3feed60a21f72e2aL, 0xbc7c2c9b67499a1bL, 0x3feed1f5d950a897L,
            0x3c4363ed60c2ac11L, 0x3feece086061892dL, 0x3c9666093b0664efL, 0x3feeca41ed1d0057L,
            0x3c6ecce1daa10379L, 0x3feec6a2b5c13cd0L, 0x3c93ff8e3f0f1230L, 0x3feec32af0d7d3deL,
            0x3c7690cebb7aafb0L, 0x3feebfdad5362a27L, 0x3c931dbdeb54e077L, 0x3feebcb299fddd0dL,
            0xbc8f94340071a38eL, 0x3feeb9b2769d2ca7L, 0xbc87deccdc93a349L, 0x3feeb6daa2cf6642L,
            0xbc78dec6bd0f385fL, 0x3feeb42b569d4f82L, 0xbc861246ec7b5cf6L, 0x3feeb1a4ca5d920fL,
            0x3c93350518fdd78eL, 0x3feeaf4736b527daL, 0x3c7b98b72f8a9b05L, 0x3feead12d497c7fdL,
            0x3c9063e1e21c5409L, 0x3feeab07dd485429L, 0x3c34c7855019c6eaL, 0x3feea9268a5946b7L,
            0x3c9432e62b64c035L, 0x3feea76f15ad2148L, 0xbc8ce44a6199769fL, 0x3feea5e1b976dc09L,
            0xbc8c33c53bef4da8L, 0x3feea47eb03a5585L, 0xbc845378892be9aeL, 0x3feea34634ccc320L,
            0xbc93cedd78565858L, 0x3feea23882552225L, 0x3c5710aa807e1964L, 0x3feea155d44ca973L,
            0xbc93b3efbf5e2228L, 0x3feea09e667f3bcdL, 0xbc6a12ad8734b982L, 0x3feea012750bdabfL,
            0xbc6367efb86da9eeL, 0x3fee9fb23c651a2fL, 0xbc80dc3d54e08851L, 0x3fee9f7df9519484L,
            0xbc781f647e5a3ecfL, 0x3fee9f75e8ec5f74L, 0xbc86ee4ac08b7db0L, 0x3fee9f9a48a58174L,
            0xbc8619321e55e68aL, 0x3fee9feb564267c9L, 0x3c909ccb5e09d4d3L, 0x3feea0694fde5d3fL,
            0xbc7b32dcb94da51dL, 0x3feea11473eb0187L, 0x3c94ecfd5467c06bL, 0x3feea1ed0130c132L,
            0x3c65ebe1abd66c55L, 0x3feea2f336cf4e62L, 0xbc88a1c52fb3cf42L, 0x3feea427543e1a12L,
            0xbc9369b6f13b3734L, 0x3feea589994cce13L, 0xbc805e843a19ff1eL, 0x3feea71a4623c7adL,
            0xbc94d450d872576eL, 0x3feea8d99b4492edL, 0x3c90ad675b0e8a00L, 0x3feeaac7d98a6699L,
            0x3c8db72fc1f0eab4L, 0x3feeace5422aa0dbL, 0xbc65b6609cc5e7ffL, 0x3feeaf3216b5448cL,
            0x3c7bf68359f35f44L, 0x3feeb1ae99157736L, 0xbc93091fa71e3d83L, 0x3feeb45b0b91ffc6L,
            0xbc5da9b88b6c1e29L, 0x3feeb737b0cdc5e5L, 0xbc6c23f97c90b959L, 0x3feeba44cbc8520fL,
            0xbc92434322f4f9aaL, 0x3feebd829fde4e50L, 0xbc85ca6cd7668e4bL, 0x3feec0f170ca07baL,
            0x3c71affc2b91ce27L, 0x3feec49182a3f090L, 0x3c6dd235e10a73bbL, 0x3feec86319e32323L,
            0xbc87c50422622263L, 0x3feecc667b5de565L, 0x3c8b1c86e3e231d5L, 0x3feed09bec4a2d33L,
            0xbc91bbd1d3bcbb15L, 0x3feed503b23e255dL, 0x3c90cc319cee31d2L, 0x3feed99e1330b358L,
            0x3c8469846e735ab3L, 0x3feede6b5579fdbfL, 0xbc82dfcd978e9db4L, 0x3feee36bbfd3f37aL,
            0x3c8c1a7792cb3387L, 0x3feee89f995ad3adL, 0xbc907b8f4ad1d9faL, 0x3feeee07298db666L,
            0xbc55c3d956dcaebaL, 0x3feef3a2b84f15fbL, 0xbc90a40e3da6f640L, 0x3feef9728de5593aL,
            0xbc68d6f438ad9334L, 0x3feeff76f2fb5e47L, 0xbc91eee26b588a35L, 0x3fef05b030a1064aL,
            0x3c74ffd70a5fddcdL, 0x3fef0c1e904bc1d2L, 0xbc91bdfbfa9298acL, 0x3fef12c25bd71e09L,
            0x3c736eae30af0cb3L, 0x3fef199bdd85529cL, 0x3c8ee3325c9ffd94L, 0x3fef20ab5fffd07aL,
            0x3c84e08fd10959acL, 0x3fef27f12e57d14bL, 0x3c63cdaf384e1a67L, 0x3fef2f6d9406e7b5L,
            0x3c676b2c6c921968L, 0x3fef3720dcef9069L, 0xbc808a1883ccb5d2L, 0x3fef3f0b555dc3faL,
            0xbc8fad5d3ffffa6fL, 0x3fef472d4a07897cL, 0xbc900dae3875a949L, 0x3fef4f87080d89f2L,
            0x3c74a385a63d07a7L, 0x3fef5818dcfba487L, 0xbc82919e2040220fL, 0x3fef60e316c98398L,
            0x3c8e5a50d5c192acL, 0x3fef69e603db3285L, 0x3c843a59ac016b4bL, 0x3fef7321f301b460L,
            0xbc82d52107b43e1fL, 0x3fef7c97337b9b5fL, 0xbc892ab93b470dc9L, 0x3fef864614f5a129L,
            0x3c74b604603a88d3L, 0x3fef902ee78b3ff6L, 0x3c83c5ec519d7271L, 0x3fef9a51fbc74c83L,
            0xbc8ff7128fd391f0L, 0x3fefa4afa2a490daL, 0xbc8dae98e223747dL, 0x3fefaf482d8e67f1L,
            0x3c8ec3bc41aa2008L, 0x3fefba1bee615a27L, 0x3c842b94c3a9eb32L, 0x3fefc52b376bba97L,
            0x3c8a64a931d185eeL, 0x3fefd0765b6e4540L, 0xbc8e37bae43be3edL, 0x3fefdbfdad9cbe14L,
            0x3c77893b4d91cd9dL, 0x3fefe7c1819e90d8L, 0x3c5305c14160cc89L, 0x3feff3c22b8f71f1L
    };

    /**
     * exp(x) exactly as glibc 2.36's FMA build returns it, for every double (overflow gives infinity, underflow 0 or
     * the subnormal glibc rounds to, NaN gives NaN).
     */
    public static double exp(double x) {
        int abstop = (int) (Double.doubleToRawLongBits(x) >>> 52) & 0x7ff;
        if (Integer.compareUnsigned(abstop - 0x3c9, 0x408 - 0x3c9) >= 0) {
            if (abstop < 0x3c9) { // |x| < 2^-54
                return 1.0 + x;
            }
            if (abstop >= 0x409) { // |x| >= 1024
                if (x == Double.NEGATIVE_INFINITY) {
                    return 0.0;
                }
                if (abstop >= 0x7ff) {
                    return 1.0 + x;
                }
                return x < 0 ? 0.0 : Double.POSITIVE_INFINITY;
            }
            abstop = 0; // large |x|: the result may overflow or underflow, see expSpecial
        }
        return expCore(x, 0.0, 0, abstop == 0);
    }

    // log: e_log.c and e_log_data.c (glibc 2.36), N = 128 subintervals, polynomial orders 6 and 12.
    private static final double LN2_HI = 0x1.62e42fefa3800p-1;
    private static final double LN2_LO = 0x1.ef35793c76730p-45;
    private static final double[] LOG_B = {-0x1p-1, 0x1.5555555555577p-2, -0x1.ffffffffffdcbp-3,
        0x1.999999995dd0cp-3, -0x1.55555556745a7p-3, 0x1.24924a344de3p-3, -0x1.fffffa4423d65p-4,
        0x1.c7184282ad6cap-4, -0x1.999eb43b068ffp-4, 0x1.78182f7afd085p-4, -0x1.5521375d145cdp-4};
    private static final double A0 = -0x1.0000000000001p-1;
    private static final double A1 = 0x1.555555551305bp-2;
    private static final double A2 = -0x1.fffffffeb459p-3;
    private static final double A3 = 0x1.999b324f10111p-3;
    private static final double A4 = -0x1.55575e506c89fp-3;
    private static final long LOG_OFF = 0x3fe6000000000000L;
    private static final long NEAR_ONE_LO = Double.doubleToRawLongBits(1.0 - 0x1p-4);
    private static final long NEAR_ONE_HI = Double.doubleToRawLongBits(1.0 + 0x1.09p-4);

    /**
     * 1/c and log(c) for the 128 subintervals of [0x1.6p-1, 0x1.6p0]: e_log_data.c's {@code tab}, transcribed
     * (glibc-2.36, c804cd1c00adde061ca51711f63068c103e94eef). The c were found by a search over candidates near each
     * center (see that file), which cannot be regenerated from a closed definition.
     */
    private static final double[] LOG_TAB = {
        0x1.734f0c3e0de9fp+0, -0x1.7cc7f79e69000p-2,
        0x1.713786a2ce91fp+0, -0x1.76feec20d0000p-2,
        0x1.6f26008fab5a0p+0, -0x1.713e31351e000p-2,
        0x1.6d1a61f138c7dp+0, -0x1.6b85b38287800p-2,
        0x1.6b1490bc5b4d1p+0, -0x1.65d5590807800p-2,
        0x1.69147332f0cbap+0, -0x1.602d076180000p-2,
        0x1.6719f18224223p+0, -0x1.5a8ca86909000p-2,
        0x1.6524f99a51ed9p+0, -0x1.54f4356035000p-2,
        0x1.63356aa8f24c4p+0, -0x1.4f637c36b4000p-2,
        0x1.614b36b9ddc14p+0, -0x1.49da7fda85000p-2,
        0x1.5f66452c65c4cp+0, -0x1.445923989a800p-2,
        0x1.5d867b5912c4fp+0, -0x1.3edf439b0b800p-2,
        0x1.5babccb5b90dep+0, -0x1.396ce448f7000p-2,
        0x1.59d61f2d91a78p+0, -0x1.3401e17bda000p-2,
        0x1.5805612465687p+0, -0x1.2e9e2ef468000p-2,
        0x1.56397cee76bd3p+0, -0x1.2941b3830e000p-2,
        0x1.54725e2a77f93p+0, -0x1.23ec58cda8800p-2,
        0x1.52aff42064583p+0, -0x1.1e9e129279000p-2,
        0x1.50f22dbb2bddfp+0, -0x1.1956d2b48f800p-2,
        0x1.4f38f4734ded7p+0, -0x1.141679ab9f800p-2,
        0x1.4d843cfde2840p+0, -0x1.0edd094ef9800p-2,
        0x1.4bd3ec078a3c8p+0, -0x1.09aa518db1000p-2,
        0x1.4a27fc3e0258ap+0, -0x1.047e65263b800p-2,
        0x1.4880524d48434p+0, -0x1.feb224586f000p-3,
        0x1.46dce1b192d0bp+0, -0x1.f474a7517b000p-3,
        0x1.453d9d3391854p+0, -0x1.ea4443d103000p-3,
        0x1.43a2744b4845ap+0, -0x1.e020d44e9b000p-3,
        0x1.420b54115f8fbp+0, -0x1.d60a22977f000p-3,
        0x1.40782da3ef4b1p+0, -0x1.cc00104959000p-3,
        0x1.3ee8f5d57fe8fp+0, -0x1.c202956891000p-3,
        0x1.3d5d9a00b4ce9p+0, -0x1.b81178d811000p-3,
        0x1.3bd60c010c12bp+0, -0x1.ae2c9ccd3d000p-3,
        0x1.3a5242b75dab8p+0, -0x1.a45402e129000p-3,
        0x1.38d22cd9fd002p+0, -0x1.9a877681df000p-3,
        0x1.3755bc5847a1cp+0, -0x1.90c6d69483000p-3,
        0x1.35dce49ad36e2p+0, -0x1.87120a645c000p-3,
        0x1.34679984dd440p+0, -0x1.7d68fb4143000p-3,
        0x1.32f5cceffcb24p+0, -0x1.73cb83c627000p-3,
        0x1.3187775a10d49p+0, -0x1.6a39a9b376000p-3,
        0x1.301c8373e3990p+0, -0x1.60b3154b7a000p-3,
        0x1.2eb4ebb95f841p+0, -0x1.5737d76243000p-3,
        0x1.2d50a0219a9d1p+0, -0x1.4dc7b8fc23000p-3,
        0x1.2bef9a8b7fd2ap+0, -0x1.4462c51d20000p-3,
        0x1.2a91c7a0c1babp+0, -0x1.3b08abc830000p-3,
        0x1.293726014b530p+0, -0x1.31b996b490000p-3,
        0x1.27dfa5757a1f5p+0, -0x1.2875490a44000p-3,
        0x1.268b39b1d3bbfp+0, -0x1.1f3b9f879a000p-3,
        0x1.2539d838ff5bdp+0, -0x1.160c8252ca000p-3,
        0x1.23eb7aac9083bp+0, -0x1.0ce7f57f72000p-3,
        0x1.22a012ba940b6p+0, -0x1.03cdc49fea000p-3,
        0x1.2157996cc4132p+0, -0x1.f57bdbc4b8000p-4,
        0x1.201201dd2fc9bp+0, -0x1.e370896404000p-4,
        0x1.1ecf4494d480bp+0, -0x1.d17983ef94000p-4,
        0x1.1d8f5528f6569p+0, -0x1.bf9674ed8a000p-4,
        0x1.1c52311577e7cp+0, -0x1.adc79202f6000p-4,
        0x1.1b17c74cb26e9p+0, -0x1.9c0c3e7288000p-4,
        0x1.19e010c2c1ab6p+0, -0x1.8a646b372c000p-4,
        0x1.18ab07bb670bdp+0, -0x1.78d01b3ac0000p-4,
        0x1.1778a25efbcb6p+0, -0x1.674f145380000p-4,
        0x1.1648d354c31dap+0, -0x1.55e0e6d878000p-4,
        0x1.151b990275fddp+0, -0x1.4485cdea1e000p-4,
        0x1.13f0ea432d24cp+0, -0x1.333d94d6aa000p-4,
        0x1.12c8b7210f9dap+0, -0x1.22079f8c56000p-4,
        0x1.11a3028ecb531p+0, -0x1.10e4698622000p-4,
        0x1.107fbda8434afp+0, -0x1.ffa6c6ad20000p-5,
        0x1.0f5ee0f4e6bb3p+0, -0x1.dda8d4a774000p-5,
        0x1.0e4065d2a9fcep+0, -0x1.bbcece4850000p-5,
        0x1.0d244632ca521p+0, -0x1.9a1894012c000p-5,
        0x1.0c0a77ce2981ap+0, -0x1.788583302c000p-5,
        0x1.0af2f83c636d1p+0, -0x1.5715e67d68000p-5,
        0x1.09ddb98a01339p+0, -0x1.35c8a49658000p-5,
        0x1.08cabaf52e7dfp+0, -0x1.149e364154000p-5,
        0x1.07b9f2f4e28fbp+0, -0x1.e72c082eb8000p-6,
        0x1.06ab58c358f19p+0, -0x1.a55f152528000p-6,
        0x1.059eea5ecf92cp+0, -0x1.63d62cf818000p-6,
        0x1.04949cdd12c90p+0, -0x1.228fb8caa0000p-6,
        0x1.038c6c6f0ada9p+0, -0x1.c317b20f90000p-7,
        0x1.02865137932a9p+0, -0x1.419355daa0000p-7,
        0x1.0182427ea7348p+0, -0x1.81203c2ec0000p-8,
        0x1.008040614b195p+0, -0x1.0040979240000p-9,
        0x1.fe01ff726fa1ap-1, 0x1.feff384900000p-9,
        0x1.fa11cc261ea74p-1, 0x1.7dc41353d0000p-7,
        0x1.f6310b081992ep-1, 0x1.3cea3c4c28000p-6,
        0x1.f25f63ceeadcdp-1, 0x1.b9fc114890000p-6,
        0x1.ee9c8039113e7p-1, 0x1.1b0d8ce110000p-5,
        0x1.eae8078cbb1abp-1, 0x1.58a5bd001c000p-5,
        0x1.e741aa29d0c9bp-1, 0x1.95c8340d88000p-5,
        0x1.e3a91830a99b5p-1, 0x1.d276aef578000p-5,
        0x1.e01e009609a56p-1, 0x1.07598e598c000p-4,
        0x1.dca01e577bb98p-1, 0x1.253f5e30d2000p-4,
        0x1.d92f20b7c9103p-1, 0x1.42edd8b380000p-4,
        0x1.d5cac66fb5ccep-1, 0x1.606598757c000p-4,
        0x1.d272caa5ede9dp-1, 0x1.7da76356a0000p-4,
        0x1.cf26e3e6b2ccdp-1, 0x1.9ab434e1c6000p-4,
        0x1.cbe6da2a77902p-1, 0x1.b78c7bb0d6000p-4,
        0x1.c8b266d37086dp-1, 0x1.d431332e72000p-4,
        0x1.c5894bd5d5804p-1, 0x1.f0a3171de6000p-4,
        0x1.c26b533bb9f8cp-1, 0x1.067152b914000p-3,
        0x1.bf583eeece73fp-1, 0x1.147858292b000p-3,
        0x1.bc4fd75db96c1p-1, 0x1.2266ecdca3000p-3,
        0x1.b951e0c864a28p-1, 0x1.303d7a6c55000p-3,
        0x1.b65e2c5ef3e2cp-1, 0x1.3dfc33c331000p-3,
        0x1.b374867c9888bp-1, 0x1.4ba366b7a8000p-3,
        0x1.b094b211d304ap-1, 0x1.5933928d1f000p-3,
        0x1.adbe885f2ef7ep-1, 0x1.66acd2418f000p-3,
        0x1.aaf1d31603da2p-1, 0x1.740f8ec669000p-3,
        0x1.a82e63fd358a7p-1, 0x1.815c0f51af000p-3,
        0x1.a5740ef09738bp-1, 0x1.8e92954f68000p-3,
        0x1.a2c2a90ab4b27p-1, 0x1.9bb3602f84000p-3,
        0x1.a01a01393f2d1p-1, 0x1.a8bed1c2c0000p-3,
        0x1.9d79f24db3c1bp-1, 0x1.b5b515c01d000p-3,
        0x1.9ae2505c7b190p-1, 0x1.c2967ccbcc000p-3,
        0x1.9852ef297ce2fp-1, 0x1.cf635d5486000p-3,
        0x1.95cbaeea44b75p-1, 0x1.dc1bd3446c000p-3,
        0x1.934c69de74838p-1, 0x1.e8c01b8cfe000p-3,
        0x1.90d4f2f6752e6p-1, 0x1.f5509c0179000p-3,
        0x1.8e6528effd79dp-1, 0x1.00e6c121fb800p-2,
        0x1.8bfce9fcc007cp-1, 0x1.071b80e93d000p-2,
        0x1.899c0dabec30ep-1, 0x1.0d46b9e867000p-2,
        0x1.87427aa2317fbp-1, 0x1.13687334bd000p-2,
        0x1.84f00acb39a08p-1, 0x1.1980d67234800p-2,
        0x1.82a49e8653e55p-1, 0x1.1f8ffe0cc8000p-2,
        0x1.8060195f40260p-1, 0x1.2595fd7636800p-2,
        0x1.7e22563e0a329p-1, 0x1.2b9300914a800p-2,
        0x1.7beb377dcb5adp-1, 0x1.3187210436000p-2,
        0x1.79baa679725c2p-1, 0x1.377266dec1800p-2,
        0x1.77907f2170657p-1, 0x1.3d54ffbaf3000p-2,
        0x1.756cadbd6130cp-1, 0x1.432eee32fe000p-2,
    };

    /**
     * log(x) exactly as glibc 2.36's FMA build returns it, for every double (log(0) = -infinity, negative and NaN
     * arguments give NaN).
     */
    public static double log(double x) {
        long ix = Double.doubleToRawLongBits(x);
        int top = (int) (ix >>> 48);
        if (Long.compareUnsigned(ix - NEAR_ONE_LO, NEAR_ONE_HI - NEAR_ONE_LO) < 0) {
            return logNearOne(x);
        }
        if (Integer.compareUnsigned(top - 0x0010, 0x7ff0 - 0x0010) >= 0) {
            if (ix * 2 == 0) {
                return Double.NEGATIVE_INFINITY;
            }
            if (x == Double.POSITIVE_INFINITY) {
                return x;
            }
            if ((top & 0x8000) != 0 || (top & 0x7ff0) == 0x7ff0) {
                return Double.NaN;
            }
            ix = Double.doubleToRawLongBits(x * 0x1p52) - (52L << 52); // subnormal: normalize
        }
        long tmp = ix - LOG_OFF;
        int i = (int) ((tmp >>> 45) % 128);
        int k = (int) (tmp >> 52);
        double z = Double.longBitsToDouble(ix - (tmp & (0xfffL << 52)));
        double invc = LOG_TAB[2 * i];
        double logc = LOG_TAB[2 * i + 1];
        double r = Math.fma(z, invc, -1.0);
        double kd = k;
        double w = Math.fma(kd, LN2_HI, logc);
        double hi = w + r;
        double lo = Math.fma(kd, LN2_LO, w - hi + r);
        double r2 = r * r;
        double p = Math.fma(r2, Math.fma(r, A4, A3), Math.fma(r, A2, A1));
        return Math.fma(r * r2, p, Math.fma(r2, A0, lo)) + hi;
    }

    /** e_log.c's path for x within 1 - 2^-4 .. 1 + 0x1.09p-4, where the table would lose accuracy. */
    private static double logNearOne(double x) {
        if (x == 1.0) {
            return 0;
        }
        double[] b = LOG_B;
        double r = x - 1.0;
        double r2 = r * r;
        double r3 = r * r2;
        double inner = Math.fma(r3, b[10], Math.fma(r2, b[9], Math.fma(r, b[8], b[7])));
        double middle = Math.fma(r3, inner, Math.fma(r2, b[6], Math.fma(r, b[5], b[4])));
        double poly = Math.fma(r3, middle, Math.fma(r2, b[3], Math.fma(r, b[2], b[1])));
        double w = r * 0x1p27;
        double rhi = r + w - w; // r rounded to 26 bits, so that rhi * rhi is exact
        double rlo = r - rhi;
        w = rhi * rhi * b[0];
        double hi = r + w;
        double lo = r - hi + w;
        lo = Math.fma(b[0] * rlo, rhi + r, lo);
        return Math.fma(r3, poly, lo) + hi; // GCC fuses y = r3 * poly into y += lo
    }

    // pow: e_pow.c and e_pow_log_data.c (glibc 2.36): log(x) to about 68 bits, times y, then exp with a tail.
    private static final double[] POW_A = {-0x1p-1, 0x1.555555555556p-2 * -2, -0x1.0000000000006p-2 * -2,
        0x1.999999959554ep-3 * 4, -0x1.555555529a47ap-3 * 4, 0x1.2495b9b4845e9p-3 * -8,
        -0x1.0002b8b263fc3p-3 * -8};
    private static final long POW_OFF = 0x3fe6955500000000L;
    private static final long ONE_BITS = 0x3ff0000000000000L;
    private static final long INF_BITS = 0x7ff0000000000000L;
    private static final long SIGN_BIAS = 0x800L << 7;

    /**
     * 1/c, log(c) and its tail for the 128 subintervals of [0x1.69555p-1, 0x1.69555p0]: e_pow_log_data.c's
     * {@code tab}, transcribed (glibc-2.36, c804cd1c00adde061ca51711f63068c103e94eef); c was chosen by rounding, and
     * log(c) with its last bits rounded away, as that file describes, which this class does not re-derive.
     */
    private static final double[] POW_TAB = {
        0x1.6a00000000000p+0, -0x1.62c82f2b9c800p-2, 0x1.ab42428375680p-48,
        0x1.6800000000000p+0, -0x1.5d1bdbf580800p-2, -0x1.ca508d8e0f720p-46,
        0x1.6600000000000p+0, -0x1.5767717455800p-2, -0x1.362a4d5b6506dp-45,
        0x1.6400000000000p+0, -0x1.51aad872df800p-2, -0x1.684e49eb067d5p-49,
        0x1.6200000000000p+0, -0x1.4be5f95777800p-2, -0x1.41b6993293ee0p-47,
        0x1.6000000000000p+0, -0x1.4618bc21c6000p-2, 0x1.3d82f484c84ccp-46,
        0x1.5e00000000000p+0, -0x1.404308686a800p-2, 0x1.c42f3ed820b3ap-50,
        0x1.5c00000000000p+0, -0x1.3a64c55694800p-2, 0x1.0b1c686519460p-45,
        0x1.5a00000000000p+0, -0x1.347dd9a988000p-2, 0x1.5594dd4c58092p-45,
        0x1.5800000000000p+0, -0x1.2e8e2bae12000p-2, 0x1.67b1e99b72bd8p-45,
        0x1.5600000000000p+0, -0x1.2895a13de8800p-2, 0x1.5ca14b6cfb03fp-46,
        0x1.5600000000000p+0, -0x1.2895a13de8800p-2, 0x1.5ca14b6cfb03fp-46,
        0x1.5400000000000p+0, -0x1.22941fbcf7800p-2, -0x1.65a242853da76p-46,
        0x1.5200000000000p+0, -0x1.1c898c1699800p-2, -0x1.fafbc68e75404p-46,
        0x1.5000000000000p+0, -0x1.1675cababa800p-2, 0x1.f1fc63382a8f0p-46,
        0x1.4e00000000000p+0, -0x1.1058bf9ae4800p-2, -0x1.6a8c4fd055a66p-45,
        0x1.4c00000000000p+0, -0x1.0a324e2739000p-2, -0x1.c6bee7ef4030ep-47,
        0x1.4a00000000000p+0, -0x1.0402594b4d000p-2, -0x1.036b89ef42d7fp-48,
        0x1.4a00000000000p+0, -0x1.0402594b4d000p-2, -0x1.036b89ef42d7fp-48,
        0x1.4800000000000p+0, -0x1.fb9186d5e4000p-3, 0x1.d572aab993c87p-47,
        0x1.4600000000000p+0, -0x1.ef0adcbdc6000p-3, 0x1.b26b79c86af24p-45,
        0x1.4400000000000p+0, -0x1.e27076e2af000p-3, -0x1.72f4f543fff10p-46,
        0x1.4200000000000p+0, -0x1.d5c216b4fc000p-3, 0x1.1ba91bbca681bp-45,
        0x1.4000000000000p+0, -0x1.c8ff7c79aa000p-3, 0x1.7794f689f8434p-45,
        0x1.4000000000000p+0, -0x1.c8ff7c79aa000p-3, 0x1.7794f689f8434p-45,
        0x1.3e00000000000p+0, -0x1.bc286742d9000p-3, 0x1.94eb0318bb78fp-46,
        0x1.3c00000000000p+0, -0x1.af3c94e80c000p-3, 0x1.a4e633fcd9066p-52,
        0x1.3a00000000000p+0, -0x1.a23bc1fe2b000p-3, -0x1.58c64dc46c1eap-45,
        0x1.3a00000000000p+0, -0x1.a23bc1fe2b000p-3, -0x1.58c64dc46c1eap-45,
        0x1.3800000000000p+0, -0x1.9525a9cf45000p-3, -0x1.ad1d904c1d4e3p-45,
        0x1.3600000000000p+0, -0x1.87fa06520d000p-3, 0x1.bbdbf7fdbfa09p-45,
        0x1.3400000000000p+0, -0x1.7ab890210e000p-3, 0x1.bdb9072534a58p-45,
        0x1.3400000000000p+0, -0x1.7ab890210e000p-3, 0x1.bdb9072534a58p-45,
        0x1.3200000000000p+0, -0x1.6d60fe719d000p-3, -0x1.0e46aa3b2e266p-46,
        0x1.3000000000000p+0, -0x1.5ff3070a79000p-3, -0x1.e9e439f105039p-46,
        0x1.3000000000000p+0, -0x1.5ff3070a79000p-3, -0x1.e9e439f105039p-46,
        0x1.2e00000000000p+0, -0x1.526e5e3a1b000p-3, -0x1.0de8b90075b8fp-45,
        0x1.2c00000000000p+0, -0x1.44d2b6ccb8000p-3, 0x1.70cc16135783cp-46,
        0x1.2c00000000000p+0, -0x1.44d2b6ccb8000p-3, 0x1.70cc16135783cp-46,
        0x1.2a00000000000p+0, -0x1.371fc201e9000p-3, 0x1.178864d27543ap-48,
        0x1.2800000000000p+0, -0x1.29552f81ff000p-3, -0x1.48d301771c408p-45,
        0x1.2600000000000p+0, -0x1.1b72ad52f6000p-3, -0x1.e80a41811a396p-45,
        0x1.2600000000000p+0, -0x1.1b72ad52f6000p-3, -0x1.e80a41811a396p-45,
        0x1.2400000000000p+0, -0x1.0d77e7cd09000p-3, 0x1.a699688e85bf4p-47,
        0x1.2400000000000p+0, -0x1.0d77e7cd09000p-3, 0x1.a699688e85bf4p-47,
        0x1.2200000000000p+0, -0x1.fec9131dbe000p-4, -0x1.575545ca333f2p-45,
        0x1.2000000000000p+0, -0x1.e27076e2b0000p-4, 0x1.a342c2af0003cp-45,
        0x1.2000000000000p+0, -0x1.e27076e2b0000p-4, 0x1.a342c2af0003cp-45,
        0x1.1e00000000000p+0, -0x1.c5e548f5bc000p-4, -0x1.d0c57585fbe06p-46,
        0x1.1c00000000000p+0, -0x1.a926d3a4ae000p-4, 0x1.53935e85baac8p-45,
        0x1.1c00000000000p+0, -0x1.a926d3a4ae000p-4, 0x1.53935e85baac8p-45,
        0x1.1a00000000000p+0, -0x1.8c345d631a000p-4, 0x1.37c294d2f5668p-46,
        0x1.1a00000000000p+0, -0x1.8c345d631a000p-4, 0x1.37c294d2f5668p-46,
        0x1.1800000000000p+0, -0x1.6f0d28ae56000p-4, -0x1.69737c93373dap-45,
        0x1.1600000000000p+0, -0x1.51b073f062000p-4, 0x1.f025b61c65e57p-46,
        0x1.1600000000000p+0, -0x1.51b073f062000p-4, 0x1.f025b61c65e57p-46,
        0x1.1400000000000p+0, -0x1.341d7961be000p-4, 0x1.c5edaccf913dfp-45,
        0x1.1400000000000p+0, -0x1.341d7961be000p-4, 0x1.c5edaccf913dfp-45,
        0x1.1200000000000p+0, -0x1.16536eea38000p-4, 0x1.47c5e768fa309p-46,
        0x1.1000000000000p+0, -0x1.f0a30c0118000p-5, 0x1.d599e83368e91p-45,
        0x1.1000000000000p+0, -0x1.f0a30c0118000p-5, 0x1.d599e83368e91p-45,
        0x1.0e00000000000p+0, -0x1.b42dd71198000p-5, 0x1.c827ae5d6704cp-46,
        0x1.0e00000000000p+0, -0x1.b42dd71198000p-5, 0x1.c827ae5d6704cp-46,
        0x1.0c00000000000p+0, -0x1.77458f632c000p-5, -0x1.cfc4634f2a1eep-45,
        0x1.0c00000000000p+0, -0x1.77458f632c000p-5, -0x1.cfc4634f2a1eep-45,
        0x1.0a00000000000p+0, -0x1.39e87b9fec000p-5, 0x1.502b7f526feaap-48,
        0x1.0a00000000000p+0, -0x1.39e87b9fec000p-5, 0x1.502b7f526feaap-48,
        0x1.0800000000000p+0, -0x1.f829b0e780000p-6, -0x1.980267c7e09e4p-45,
        0x1.0800000000000p+0, -0x1.f829b0e780000p-6, -0x1.980267c7e09e4p-45,
        0x1.0600000000000p+0, -0x1.7b91b07d58000p-6, -0x1.88d5493faa639p-45,
        0x1.0400000000000p+0, -0x1.fc0a8b0fc0000p-7, -0x1.f1e7cf6d3a69cp-50,
        0x1.0400000000000p+0, -0x1.fc0a8b0fc0000p-7, -0x1.f1e7cf6d3a69cp-50,
        0x1.0200000000000p+0, -0x1.fe02a6b100000p-8, -0x1.9e23f0dda40e4p-46,
        0x1.0200000000000p+0, -0x1.fe02a6b100000p-8, -0x1.9e23f0dda40e4p-46,
        0x1.0000000000000p+0, 0.0, 0.0,
        0x1.0000000000000p+0, 0.0, 0.0,
        0x1.fc00000000000p-1, 0x1.0101575890000p-7, -0x1.0c76b999d2be8p-46,
        0x1.f800000000000p-1, 0x1.0205658938000p-6, -0x1.3dc5b06e2f7d2p-45,
        0x1.f400000000000p-1, 0x1.8492528c90000p-6, -0x1.aa0ba325a0c34p-45,
        0x1.f000000000000p-1, 0x1.0415d89e74000p-5, 0x1.111c05cf1d753p-47,
        0x1.ec00000000000p-1, 0x1.466aed42e0000p-5, -0x1.c167375bdfd28p-45,
        0x1.e800000000000p-1, 0x1.894aa149fc000p-5, -0x1.97995d05a267dp-46,
        0x1.e400000000000p-1, 0x1.ccb73cdddc000p-5, -0x1.a68f247d82807p-46,
        0x1.e200000000000p-1, 0x1.eea31c006c000p-5, -0x1.e113e4fc93b7bp-47,
        0x1.de00000000000p-1, 0x1.1973bd1466000p-4, -0x1.5325d560d9e9bp-45,
        0x1.da00000000000p-1, 0x1.3bdf5a7d1e000p-4, 0x1.cc85ea5db4ed7p-45,
        0x1.d600000000000p-1, 0x1.5e95a4d97a000p-4, -0x1.c69063c5d1d1ep-45,
        0x1.d400000000000p-1, 0x1.700d30aeac000p-4, 0x1.c1e8da99ded32p-49,
        0x1.d000000000000p-1, 0x1.9335e5d594000p-4, 0x1.3115c3abd47dap-45,
        0x1.cc00000000000p-1, 0x1.b6ac88dad6000p-4, -0x1.390802bf768e5p-46,
        0x1.ca00000000000p-1, 0x1.c885801bc4000p-4, 0x1.646d1c65aacd3p-45,
        0x1.c600000000000p-1, 0x1.ec739830a2000p-4, -0x1.dc068afe645e0p-45,
        0x1.c400000000000p-1, 0x1.fe89139dbe000p-4, -0x1.534d64fa10afdp-45,
        0x1.c000000000000p-1, 0x1.1178e8227e000p-3, 0x1.1ef78ce2d07f2p-45,
        0x1.be00000000000p-1, 0x1.1aa2b7e23f000p-3, 0x1.ca78e44389934p-45,
        0x1.ba00000000000p-1, 0x1.2d1610c868000p-3, 0x1.39d6ccb81b4a1p-47,
        0x1.b800000000000p-1, 0x1.365fcb0159000p-3, 0x1.62fa8234b7289p-51,
        0x1.b400000000000p-1, 0x1.4913d8333b000p-3, 0x1.5837954fdb678p-45,
        0x1.b200000000000p-1, 0x1.527e5e4a1b000p-3, 0x1.633e8e5697dc7p-45,
        0x1.ae00000000000p-1, 0x1.6574ebe8c1000p-3, 0x1.9cf8b2c3c2e78p-46,
        0x1.ac00000000000p-1, 0x1.6f0128b757000p-3, -0x1.5118de59c21e1p-45,
        0x1.aa00000000000p-1, 0x1.7898d85445000p-3, -0x1.c661070914305p-46,
        0x1.a600000000000p-1, 0x1.8beafeb390000p-3, -0x1.73d54aae92cd1p-47,
        0x1.a400000000000p-1, 0x1.95a5adcf70000p-3, 0x1.7f22858a0ff6fp-47,
        0x1.a000000000000p-1, 0x1.a93ed3c8ae000p-3, -0x1.8724350562169p-45,
        0x1.9e00000000000p-1, 0x1.b31d8575bd000p-3, -0x1.c358d4eace1aap-47,
        0x1.9c00000000000p-1, 0x1.bd087383be000p-3, -0x1.d4bc4595412b6p-45,
        0x1.9a00000000000p-1, 0x1.c6ffbc6f01000p-3, -0x1.1ec72c5962bd2p-48,
        0x1.9600000000000p-1, 0x1.db13db0d49000p-3, -0x1.aff2af715b035p-45,
        0x1.9400000000000p-1, 0x1.e530effe71000p-3, 0x1.212276041f430p-51,
        0x1.9200000000000p-1, 0x1.ef5ade4dd0000p-3, -0x1.a211565bb8e11p-51,
        0x1.9000000000000p-1, 0x1.f991c6cb3b000p-3, 0x1.bcbecca0cdf30p-46,
        0x1.8c00000000000p-1, 0x1.07138604d5800p-2, 0x1.89cdb16ed4e91p-48,
        0x1.8a00000000000p-1, 0x1.0c42d67616000p-2, 0x1.7188b163ceae9p-45,
        0x1.8800000000000p-1, 0x1.1178e8227e800p-2, -0x1.c210e63a5f01cp-45,
        0x1.8600000000000p-1, 0x1.16b5ccbacf800p-2, 0x1.b9acdf7a51681p-45,
        0x1.8400000000000p-1, 0x1.1bf99635a6800p-2, 0x1.ca6ed5147bdb7p-45,
        0x1.8200000000000p-1, 0x1.214456d0eb800p-2, 0x1.a87deba46baeap-47,
        0x1.7e00000000000p-1, 0x1.2bef07cdc9000p-2, 0x1.a9cfa4a5004f4p-45,
        0x1.7c00000000000p-1, 0x1.314f1e1d36000p-2, -0x1.8e27ad3213cb8p-45,
        0x1.7a00000000000p-1, 0x1.36b6776be1000p-2, 0x1.16ecdb0f177c8p-46,
        0x1.7800000000000p-1, 0x1.3c25277333000p-2, 0x1.83b54b606bd5cp-46,
        0x1.7600000000000p-1, 0x1.419b423d5e800p-2, 0x1.8e436ec90e09dp-47,
        0x1.7400000000000p-1, 0x1.4718dc271c800p-2, -0x1.f27ce0967d675p-45,
        0x1.7200000000000p-1, 0x1.4c9e09e173000p-2, -0x1.e20891b0ad8a4p-45,
        0x1.7000000000000p-1, 0x1.522ae0738a000p-2, 0x1.ebe708164c759p-45,
        0x1.6e00000000000p-1, 0x1.57bf753c8d000p-2, 0x1.fadedee5d40efp-46,
        0x1.6c00000000000p-1, 0x1.5d5bddf596000p-2, -0x1.a0b2a08a465dcp-47,
    };

    /**
     * x ** y as glibc 2.36's FMA build of pow returns it, for every pair of doubles (Python's float_pow checks its own
     * refusals, such as a negative base with a fractional exponent, before it calls pow; here those give NaN or an
     * infinity as C's pow does).
     */
    public static double pow(double x, double y) {
        long signBias = 0;
        long ix = Double.doubleToRawLongBits(x);
        long iy = Double.doubleToRawLongBits(y);
        int topx = (int) (ix >>> 52);
        int topy = (int) (iy >>> 52);
        if (Integer.compareUnsigned(topx - 0x001, 0x7ff - 0x001) >= 0
                || Integer.compareUnsigned((topy & 0x7ff) - 0x3be, 0x43e - 0x3be) >= 0) {
            if (zeroInfNan(iy)) {
                if (2 * iy == 0) {
                    return 1.0;
                }
                if (ix == ONE_BITS) {
                    return 1.0;
                }
                if (Long.compareUnsigned(2 * ix, 2 * INF_BITS) > 0 || Long.compareUnsigned(2 * iy, 2 * INF_BITS) > 0) {
                    return x + y;
                }
                if (2 * ix == 2 * ONE_BITS) {
                    return 1.0;
                }
                if ((Long.compareUnsigned(2 * ix, 2 * ONE_BITS) < 0) == (iy >= 0)) {
                    return 0.0; // |x| < 1 and y = inf, or |x| > 1 and y = -inf
                }
                return y * y;
            }
            if (zeroInfNan(ix)) {
                double x2 = x * x;
                if (ix < 0 && checkInt(iy) == 1) {
                    x2 = -x2;
                }
                return iy < 0 ? 1 / x2 : x2;
            }
            if (ix < 0) { // finite x < 0
                int yint = checkInt(iy);
                if (yint == 0) {
                    return Double.NaN;
                }
                if (yint == 1) {
                    signBias = SIGN_BIAS;
                }
                ix &= 0x7fffffffffffffffL;
                topx &= 0x7ff;
            }
            if (Integer.compareUnsigned((topy & 0x7ff) - 0x3be, 0x43e - 0x3be) >= 0) {
                if (ix == ONE_BITS) {
                    return 1.0;
                }
                if ((topy & 0x7ff) < 0x3be) { // |y| < 2^-65: x^y ~= 1 + y*log(x)
                    return ix > ONE_BITS ? 1.0 + y : 1.0 - y;
                }
                return (ix > ONE_BITS) == (topy < 0x800) ? Double.POSITIVE_INFINITY : 0.0;
            }
            if (topx == 0) { // subnormal x: normalize so that the exponent becomes negative
                ix = Double.doubleToRawLongBits(x * 0x1p52) & 0x7fffffffffffffffL;
                ix -= 52L << 52;
            }
        }
        // log(x) = logx + logTail to about 68 bits (e_pow.c's log_inline)
        long tmp = ix - POW_OFF;
        int i = (int) ((tmp >>> 45) % 128);
        int k = (int) (tmp >> 52);
        long iz = ix - (tmp & (0xfffL << 52));
        double z = Double.longBitsToDouble(iz);
        double kd = k;
        double invc = POW_TAB[3 * i];
        double logc = POW_TAB[3 * i + 1];
        double logctail = POW_TAB[3 * i + 2];
        double r = Math.fma(z, invc, -1.0);
        double t1 = Math.fma(kd, LN2_HI, logc);
        double t2 = t1 + r;
        double lo1 = Math.fma(kd, LN2_LO, logctail);
        double lo2 = t1 - t2 + r;
        double[] a = POW_A;
        double ar = a[0] * r;
        double ar2 = r * ar;
        double ar3 = r * ar2;
        double hi = t2 + ar2;
        double lo3 = Math.fma(ar, r, -ar2);
        double lo4 = t2 - hi + ar2;
        double q = Math.fma(ar2, Math.fma(ar2, Math.fma(r, a[6], a[5]), Math.fma(r, a[4], a[3])),
                Math.fma(r, a[2], a[1]));
        double lo = Math.fma(ar3, q, lo1 + lo2 + lo3 + lo4);
        double logx = hi + lo;
        double logTail = hi - logx + lo;
        double ehi = y * logx;
        double elo = Math.fma(y, logTail, Math.fma(y, logx, -ehi));
        return powExp(ehi, elo, signBias);
    }

    /** 0 if {@code iy} (finite, non-zero) is not an integer, 1 if odd, 2 if even. */
    private static int checkInt(long iy) {
        int e = (int) (iy >>> 52) & 0x7ff;
        if (e < 0x3ff) {
            return 0;
        }
        if (e > 0x3ff + 52) {
            return 2;
        }
        if ((iy & ((1L << (0x3ff + 52 - e)) - 1)) != 0) {
            return 0;
        }
        return (iy & (1L << (0x3ff + 52 - e))) != 0 ? 1 : 2;
    }

    private static boolean zeroInfNan(long i) {
        return Long.compareUnsigned(2 * i - 1, 2 * INF_BITS - 1) >= 0;
    }

    /** sign * exp(x + xtail) (e_pow.c's exp_inline), the sign negative when {@code signBias} is set. */
    private static double powExp(double x, double xtail, long signBias) {
        int abstop = (int) (Double.doubleToRawLongBits(x) >>> 52) & 0x7ff;
        if (Integer.compareUnsigned(abstop - 0x3c9, 0x408 - 0x3c9) >= 0) {
            if (abstop < 0x3c9) {
                double one = 1.0 + x;
                return signBias != 0 ? -one : one;
            }
            if (abstop >= 0x409) {
                if (x < 0) {
                    return signBias != 0 ? -0.0 : 0.0;
                }
                return signBias != 0 ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            abstop = 0;
        }
        return expCore(x, xtail, signBias, abstop == 0);
    }

    /**
     * sign * exp(x + xtail) once the special inputs are handled: e_exp.c's main path, which e_pow.c repeats as
     * exp_inline with the tail and the sign (exp passes 0 for both); {@code special} when the result may overflow or
     * be subnormal.
     */
    private static double expCore(double x, double xtail, long signBias, boolean special) {
        double kd = Math.fma(INV_LN2_N, x, SHIFT);
        long ki = Double.doubleToRawLongBits(kd);
        kd -= SHIFT;
        double r = Math.fma(kd, NEG_LN2_LO_N, Math.fma(kd, NEG_LN2_HI_N, x));
        r += xtail;
        int idx = 2 * (int) (ki & 127);
        long top = (ki + signBias) << 45;
        double tail = Double.longBitsToDouble(EXP_TAB[idx]);
        long sbits = EXP_TAB[idx + 1] + top;
        double r2 = r * r;
        double tmp = Math.fma(r2 * r2, Math.fma(r, C5, C4), Math.fma(r2, Math.fma(r, C3, C2), tail + r));
        if (special) {
            return expSpecial(tmp, sbits, ki);
        }
        double scale = Double.longBitsToDouble(sbits);
        return Math.fma(scale, tmp, scale);
    }

    /**
     * e_exp.c's and e_pow.c's specialcase: the scale's exponent may have overflowed (k > 0) or the result be
     * subnormal; e_pow.c's version, which keeps the sign, is e_exp.c's for a positive result.
     */
    private static double expSpecial(double tmp, long sbits, long ki) {
        if ((ki & 0x80000000L) == 0) {
            double scale = Double.longBitsToDouble(sbits - (1009L << 52));
            return 0x1p1009 * Math.fma(scale, tmp, scale);
        }
        sbits += 1022L << 52;
        double scale = Double.longBitsToDouble(sbits);
        double scaledTmp = scale * tmp;
        double y = scale + scaledTmp;
        if (Math.abs(y) < 1.0) {
            double one = y < 0.0 ? -1.0 : 1.0;
            double lo = scale - y + scaledTmp;
            double hi = one + y;
            lo = one - hi + y + lo;
            y = (hi + lo) - one;
            if (y == 0.0) {
                y = Double.longBitsToDouble(sbits & 0x8000000000000000L);
            }
        }
        return 0x1p-1022 * y;
    }
}
