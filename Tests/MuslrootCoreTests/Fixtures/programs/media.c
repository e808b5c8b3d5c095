/* libavformat and libavcodec, linked statically: opens the WAV file named on the command
 * line, decodes every packet, prints the codec, the sample rate and the duration. */
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <stdio.h>

int main(int argc, char **argv) {
    if (argc != 2) { fprintf(stderr, "usage: media FILE.wav\n"); return 2; }
    AVFormatContext *format = NULL;
    if (avformat_open_input(&format, argv[1], NULL, NULL) < 0) { fprintf(stderr, "FAIL: open\n"); return 1; }
    if (avformat_find_stream_info(format, NULL) < 0) { fprintf(stderr, "FAIL: stream info\n"); return 1; }
    int index = av_find_best_stream(format, AVMEDIA_TYPE_AUDIO, -1, -1, NULL, 0);
    if (index < 0) { fprintf(stderr, "FAIL: no audio stream\n"); return 1; }
    AVCodecParameters *parameters = format->streams[index]->codecpar;
    const AVCodec *codec = avcodec_find_decoder(parameters->codec_id);
    AVCodecContext *decoder = avcodec_alloc_context3(codec);
    avcodec_parameters_to_context(decoder, parameters);
    if (!codec || avcodec_open2(decoder, codec, NULL) < 0) { fprintf(stderr, "FAIL: decoder\n"); return 1; }
    AVPacket *packet = av_packet_alloc();
    AVFrame *frame = av_frame_alloc();
    long samples = 0;
    while (av_read_frame(format, packet) >= 0) {
        if (packet->stream_index == index && avcodec_send_packet(decoder, packet) == 0)
            while (avcodec_receive_frame(decoder, frame) == 0) samples += frame->nb_samples;
        av_packet_unref(packet);
    }
    printf("codec %s, %d Hz, %ld samples, duration %.2f s\n", codec->name, decoder->sample_rate, samples,
           (double)samples / decoder->sample_rate);
    av_frame_free(&frame);
    av_packet_free(&packet);
    avcodec_free_context(&decoder);
    avformat_close_input(&format);
    return samples > 0 ? 0 : 1;
}
